using Jusou.Contracts;
using MassTransit;
using RabbitMQ.Client;

namespace Jusou.ServiceKit.Messaging.Outbox;

/// <summary>
/// The exchange integrators subscribe to, <see cref="EventNames.Exchange"/>: a durable topic exchange where every event
/// arrives with the routing key <c>{tenantCode}.{service}.{event}.v{n}</c> (<see cref="EventNames"/>). MassTransit
/// publishes each event to an exchange of its own type, which the services' queues are bound to; an
/// exchange-to-exchange binding forwards each of those to the topic exchange, and the routing key the relay set on the
/// message (ignored by MassTransit's fanout exchanges) routes it there. A municipality's broker account may bind only
/// keys that begin with its own code (topic permissions; <c>./jusou integrator-account</c>, docs/events/README.md).
/// </summary>
public static class EventsExchange
{
    /// <summary>
    /// Declares the topic exchange, every event type's exchange (as MassTransit declares it: durable fanout) and the
    /// bindings between them. Idempotent: every service does it before its relay first publishes, so no event reaches
    /// the broker before it can reach an integrator's queue.
    /// </summary>
    public static async Task DeclareAsync(IConnection connection, IBus bus, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(EventNames.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var e in EventNames.Events)
        {
            var exchange = ExchangeOf(bus, e);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.ExchangeBindAsync(destination: EventNames.Exchange, source: exchange, routingKey: "", cancellationToken: cancellationToken);
        }
    }

    /// <summary>The exchange MassTransit publishes an event type to (its entity name, "Namespace:Type").</summary>
    public static string ExchangeOf(IBus bus, Type e)
    {
        // IBusTopology.Message<T>() is generic only; its IMessageTopology<T>.EntityName is what MassTransit publishes to.
        var topology = typeof(IBusTopology).GetMethod(nameof(IBusTopology.Message))!.MakeGenericMethod(e).Invoke(bus.Topology, null)!;
        return (string)typeof(IMessageTopology<>).MakeGenericType(e).GetProperty(nameof(IMessageTopology<object>.EntityName))!.GetValue(topology)!;
    }
}
