using RabbitMQ.Client;

namespace Jusou.ServiceKit.Messaging;

/// <summary>
/// The service's one long-lived AMQP connection for operations, beside MassTransit's: the error queues' counts and
/// re-drives (<see cref="ErrorQueues"/>, sampled by the gauges every few seconds) and the declaration of the
/// integrators' exchange (<see cref="Outbox.EventsExchange"/>). Opened when first needed and again after the broker
/// was away; never one connection per look, which the broker would log and count as churn.
/// </summary>
public sealed class OperationsConnection(BrokerAddress broker, string serviceName) : IAsyncDisposable
{
    /// <summary>The name the connection shows in RabbitMQ's management UI.</summary>
    public static string NameOf(string serviceName) => $"jusou-operations-{serviceName}";

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open) return open;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } opened) return opened;
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            // No automatic recovery: a closed connection is simply replaced at the next look.
            _connection = await broker.ConnectAsync(
                new ConnectionFactory { ClientProvidedName = NameOf(serviceName), AutomaticRecoveryEnabled = false }, cancellationToken);
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connecting.Dispose();
    }
}
