using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jusou.AppHost;

/// <summary>PostgreSQL run from the Debian binaries by infra/postgres.sh (no container engine needed).</summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);
    public ParameterResource Password => password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.TargetPort)};Username=postgres;Password={Password}");
}

/// <summary>One service's database on the local server; ConnectionStrings__{name} for the project that references it.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource server)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent => server;
    public string DatabaseName => databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent.ConnectionStringExpression};Database={DatabaseName}");
}

public static class LocalPostgresExtensions
{
    /// <summary>
    /// Adds PostgreSQL with data in {dataDirectory}/postgres, on a port Aspire picks, reported healthy once it
    /// accepts a connection. Each service creates its own database through its EF Core migrations.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        string name, string dataDirectory)
    {
        var password = builder.AddParameter($"{name}-password", LocalInfrastructure.Secret(dataDirectory, $"{name}-password"), secret: true);
        var resource = new LocalPostgresResource(name, "bash", dataDirectory, password.Resource);

        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey,
            _ => new PostgresAcceptsConnections(resource), failureStatus: null, tags: null));

        return builder.AddResource(resource)
            .WithArgs(LocalInfrastructure.Script(builder, "postgres.sh"), Path.Combine(dataDirectory, name))
            .WithEndpoint(LocalPostgresResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            }, createIfNotExists: true)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["JUSOU_POSTGRES_PORT"] = resource.Endpoint.Property(EndpointProperty.TargetPort);
                context.EnvironmentVariables["JUSOU_POSTGRES_PASSWORD"] = password.Resource;
            })
            .WithHealthCheck(healthCheckKey);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server,
        string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        // Aspire mirrors a parent's state onto its children only for containers; for our executable the dashboard
        // would show each database as "Unknown", so mirror the server's state ourselves.
        server.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(database, (initialize, cancellationToken) =>
        {
            var stopping = initialize.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var update in initialize.Notifications.WatchAsync(stopping))
                    {
                        if (!ReferenceEquals(update.Resource, server.Resource)) continue;
                        await initialize.Notifications.PublishUpdateAsync(database, snapshot => snapshot with
                        {
                            State = update.Snapshot.State,
                            StartTimeStamp = update.Snapshot.StartTimeStamp,
                            StopTimeStamp = update.Snapshot.StopTimeStamp,
                        });
                    }
                }
                catch (OperationCanceledException)
                {
                    // The AppHost is stopping.
                }
            }, stopping);
            return Task.CompletedTask;
        });
        return server.ApplicationBuilder.AddResource(database).ExcludeFromManifest();
    }

    private sealed class PostgresAcceptsConnections(LocalPostgresResource server) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
                await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not accept connections yet.", exception);
            }
        }
    }
}
