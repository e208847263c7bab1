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

public static class LocalRabbitMQExtensions
{
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
