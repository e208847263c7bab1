using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Jusou.AppHost;

/// <summary>RabbitMQ with its management UI, run from the Debian package by infra/rabbitmq.sh.</summary>
public sealed class LocalRabbitMQResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string AmqpEndpointName = "amqp";
    public const string ManagementEndpointName = "management";
    public const string DistributionEndpointName = "erlang-distribution";

    public EndpointReference Amqp => new(this, AmqpEndpointName);
    public EndpointReference Management => new(this, ManagementEndpointName);
    public EndpointReference Distribution => new(this, DistributionEndpointName);

    /// <summary>guest may connect from loopback only, which is all this local broker listens on.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{Amqp.Property(EndpointProperty.TargetPort)}/");
}

/// <summary>
/// A RabbitMQ cluster of local nodes. Its connection string lists every node's amqp:// URI, separated by commas
/// (services/ServiceKit/Messaging/BrokerAddress.cs): a client moves to another node when the one it uses goes away.
/// </summary>
public sealed class LocalRabbitMQClusterResource(string name, IReadOnlyList<LocalRabbitMQResource> nodes)
    : Resource(name), IResourceWithConnectionString
{
    public IReadOnlyList<LocalRabbitMQResource> Nodes => nodes;

    public ReferenceExpression ConnectionStringExpression
    {
        get
        {
            var expression = new ReferenceExpressionBuilder();
            for (var i = 0; i < nodes.Count; i++)
            {
                if (i > 0) expression.AppendLiteral(",");
                expression.Append($"{nodes[i].ConnectionStringExpression}");
            }
            return expression.Build();
        }
    }
}

public static class LocalRabbitMQExtensions
{
    /// <summary>
    /// Adds a cluster of <paramref name="size"/> RabbitMQ nodes named {name}-1 … {name}-n, with data in
    /// {dataDirectory}/{name}-i and one Erlang cookie: the first node starts alone, the others start once it is up
    /// and join it. Node names carry a hash of the data folder, so concurrent runs on one machine never meet
    /// (Erlang's port mapper, epmd, is machine-wide). Quorum queues replicate on every node.
    /// </summary>
    public static (IResourceBuilder<LocalRabbitMQClusterResource> Cluster, IReadOnlyList<IResourceBuilder<LocalRabbitMQResource>> Nodes)
        AddLocalRabbitMQCluster(this IDistributedApplicationBuilder builder, string name, string dataDirectory, int size)
    {
        var cookie = LocalInfrastructure.Secret(dataDirectory, $"{name}-erlang-cookie");
#pragma warning disable CA5350 // a short name for a data folder, not a security measure
        var run = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..10].ToLowerInvariant();
#pragma warning restore CA5350
        string NodeName(int n) => $"jusou-{run}-{name}-{n}@localhost";

        var nodes = new List<IResourceBuilder<LocalRabbitMQResource>>();
        for (var n = 1; n <= size; n++)
        {
            var node = builder.AddLocalRabbitMQ($"{name}-{n}", dataDirectory)
                .WithEnvironment("RABBITMQ_NODENAME", NodeName(n))
                .WithEnvironment("JUSOU_RABBITMQ_COOKIE", cookie);
            if (n > 1) node.WithEnvironment("JUSOU_RABBITMQ_JOIN", NodeName(1)).WaitFor(nodes[0]);
            nodes.Add(node);
        }
        var cluster = builder.AddResource(new LocalRabbitMQClusterResource(name, nodes.Select(n => n.Resource).ToList()))
            .ExcludeFromManifest();
        LocalInfrastructure.MirrorState(cluster, nodes[0].Resource);
        return (cluster, nodes);
    }

    /// <summary>
    /// Adds RabbitMQ with data in {dataDirectory}/{name}: AMQP for the services, the management UI for operators
    /// (a link in the dashboard, guest/guest), healthy once a client can open a connection.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMQResource> AddLocalRabbitMQ(this IDistributedApplicationBuilder builder,
        string name, string dataDirectory)
    {
        var resource = new LocalRabbitMQResource(name, "bash", dataDirectory);

        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey,
            _ => new BrokerAcceptsConnections(resource), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            .WithArgs(LocalInfrastructure.Script(builder, "rabbitmq.sh"), Path.Combine(dataDirectory, name))
            .WithEndpoint(LocalRabbitMQResource.AmqpEndpointName, e => { e.UriScheme = "amqp"; e.IsProxied = false; }, createIfNotExists: true)
            .WithEndpoint(LocalRabbitMQResource.ManagementEndpointName, e => { e.UriScheme = "http"; e.IsProxied = false; }, createIfNotExists: true)
            .WithEndpoint(LocalRabbitMQResource.DistributionEndpointName, e => { e.UriScheme = "tcp"; e.IsProxied = false; e.IsExternal = false; }, createIfNotExists: true)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["JUSOU_RABBITMQ_AMQP_PORT"] = resource.Amqp.Property(EndpointProperty.TargetPort);
                context.EnvironmentVariables["JUSOU_RABBITMQ_MANAGEMENT_PORT"] = resource.Management.Property(EndpointProperty.TargetPort);
                context.EnvironmentVariables["RABBITMQ_DIST_PORT"] = resource.Distribution.Property(EndpointProperty.TargetPort);
            })
            .WithHealthCheck(healthCheckKey);
    }

    private sealed class BrokerAcceptsConnections(LocalRabbitMQResource broker) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var uri = await broker.ConnectionStringExpression.GetValueAsync(cancellationToken);
                var factory = new ConnectionFactory { Uri = new Uri(uri!), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy("RabbitMQ does not accept connections yet.", exception);
            }
        }
    }
}
