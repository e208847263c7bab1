using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Jusou.ServiceKit.Messaging;

/// <summary>One consumer queue of this service and its "_error" queue, where messages go after their retries.</summary>
public sealed record ErrorQueue(string Queue, string Name, uint Messages);

/// <summary>
/// The error queues of this service's consumers, seen and re-driven over AMQP: a parked message is moved back to
/// the queue it came from, unchanged (its MessageId too, so the inbox still recognises it). Every look goes over the
/// service's one <see cref="OperationsConnection"/>.
/// </summary>
public sealed class ErrorQueues(OperationsConnection operations, IReadOnlyList<string> consumerQueues)
{
    public const string Suffix = "_error";

    public IReadOnlyList<string> ConsumerQueues => consumerQueues;

    public static string For(string queue) => queue + Suffix;

    /// <summary>The queue MassTransit gives a consumer type under this service's endpoint name formatter.</summary>
    public static string QueueOf(IEndpointNameFormatter formatter, Type consumer) =>
        (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
            .MakeGenericMethod(consumer).Invoke(formatter, null)!;

    public async Task<IReadOnlyList<ErrorQueue>> ListAsync(CancellationToken cancellationToken)
    {
        var connection = await operations.GetAsync(cancellationToken);
        var result = new List<ErrorQueue>();
        foreach (var queue in consumerQueues)
        {
            result.Add(new ErrorQueue(queue, For(queue), await CountAsync(connection, For(queue), cancellationToken)));
        }
        return result;
    }

    /// <summary>Moves up to <paramref name="limit"/> messages from the queue's error queue back to it; returns how many.</summary>
    public async Task<int> RedriveAsync(string queue, int limit, CancellationToken cancellationToken)
    {
        if (!consumerQueues.Contains(queue)) throw new ArgumentException($"'{queue}' is not a queue of this service.", nameof(queue));
        var connection = await operations.GetAsync(cancellationToken);
        if (await CountAsync(connection, For(queue), cancellationToken) == 0) return 0;

        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var moved = 0;
        while (moved < limit && await channel.BasicGetAsync(For(queue), autoAck: false, cancellationToken) is { } parked)
        {
            // Published (and confirmed) before the parked copy is acknowledged: a crash in between duplicates, never loses.
            await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true,
                basicProperties: new BasicProperties(parked.BasicProperties), body: parked.Body, cancellationToken);
            await channel.BasicAckAsync(parked.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        return moved;
    }

    private static async Task<uint> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare closes its channel when the queue does not exist (nothing ever failed there): use one per look.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return 0;
        }
    }
}
