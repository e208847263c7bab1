using MassTransit;
using RabbitMQ.Client;

namespace Jusou.ServiceKit.Messaging;

/// <summary>
/// ConnectionStrings:messaging: one amqp:// URI for a single broker, or a comma-separated list of them for a RabbitMQ
/// cluster (one per node: <c>amqp://jusou:pw@rabbit-1:5672/jusou,amqp://jusou:pw@rabbit-2:5672/jusou,…</c>). The first
/// URI gives the credentials and the virtual host; every URI names a node the client may connect to, so losing one
/// node moves the connection to another.
/// </summary>
public sealed record BrokerAddress(Uri First, IReadOnlyList<Uri> Nodes)
{
    public static BrokerAddress Parse(string connectionString)
    {
        var nodes = connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(uri => new Uri(uri)).ToList();
        if (nodes.Count == 0) throw new FormatException("The broker connection string names no amqp:// URI.");
        return new BrokerAddress(nodes[0], nodes);
    }

    public bool IsCluster => Nodes.Count > 1;

    /// <summary>Signs in as guest (RabbitMQ's default account, or no user given): for a development broker only.</summary>
    public bool UsesGuest => Uri.UnescapeDataString(First.UserInfo.Split(':')[0]) is "" or "guest";

    /// <summary>MassTransit's host: the first node's credentials and virtual host, every node in the cluster list.</summary>
    public void ConfigureHost(IRabbitMqBusFactoryConfigurator rabbit) =>
        rabbit.Host(First, host =>
        {
            if (IsCluster) host.UseCluster(cluster => { foreach (var node in Nodes) cluster.Node($"{node.Host}:{node.Port}"); });
        });

    /// <summary>A RabbitMQ.Client connection to whichever node answers first, in the listed order.</summary>
    public Task<IConnection> ConnectAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
        factory.Uri = First;
        return factory.CreateConnectionAsync(Nodes.Select(node => new AmqpTcpEndpoint(node.Host, node.Port)).ToList(), cancellationToken);
    }
}
