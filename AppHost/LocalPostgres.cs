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

    /// <summary>The streaming standby of this server, when it has one (<see cref="LocalPostgresExtensions.WithStandby"/>).</summary>
    public LocalPostgresResource? Standby { get; internal set; }

    /// <summary>This one server, whatever its role.</summary>
    public ReferenceExpression ServerConnectionString => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.TargetPort)};Username=postgres;Password={Password}");

    /// <summary>
    /// What the services use: this server, or with a standby both hosts and Target Session Attributes=primary, so a
    /// client finds whichever of the two is the primary now (after a failover, the promoted standby).
    /// </summary>
    public ReferenceExpression ConnectionStringExpression => Standby is null
        ? ServerConnectionString
        : ReferenceExpression.Create(
            $"Host=127.0.0.1:{Endpoint.Property(EndpointProperty.TargetPort)},127.0.0.1:{Standby.Endpoint.Property(EndpointProperty.TargetPort)};Username=postgres;Password={Password};Target Session Attributes=primary");
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
        return builder.AddLocalPostgresServer(name, dataDirectory, password.Resource);
    }

    private static IResourceBuilder<LocalPostgresResource> AddLocalPostgresServer(this IDistributedApplicationBuilder builder,
        string name, string dataDirectory, ParameterResource password)
    {
        var resource = new LocalPostgresResource(name, "bash", dataDirectory, password);

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
                context.EnvironmentVariables["JUSOU_POSTGRES_PASSWORD"] = password;
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Adds {name}-standby: a streaming replica of <paramref name="primary"/> (pg_basebackup, standby.signal) on its own
    /// port and data folder, started once the primary is up. The primary waits for it on every commit (synchronous
    /// replication), so promoting it loses nothing accepted. "Promote to primary" in the dashboard (or the test)
    /// runs pg_promote(); the old primary must then not be started again as it is — it would be a second primary.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> WithStandby(this IResourceBuilder<LocalPostgresResource> primary,
        string dataDirectory)
    {
        const string applicationName = "jusou_standby";
        var standby = primary.ApplicationBuilder.AddLocalPostgresServer($"{primary.Resource.Name}-standby", dataDirectory, primary.Resource.Password)
            .WithEnvironment(context => context.EnvironmentVariables["JUSOU_POSTGRES_STANDBY_OF"] = primary.Resource.Endpoint.Property(EndpointProperty.TargetPort))
            .WaitFor(primary)
            .WithCommand("promote", "Promote to primary", async context =>
            {
                var connectionString = await primary.Resource.Standby!.ServerConnectionString.GetValueAsync(context.CancellationToken);
                await using var connection = new NpgsqlConnection(connectionString + ";Timeout=5;Pooling=false");
                await connection.OpenAsync(context.CancellationToken);
                await using var promote = new NpgsqlCommand("SELECT pg_promote(wait => true, wait_seconds => 60)", connection);
                return await promote.ExecuteScalarAsync(context.CancellationToken) is true
                    ? CommandResults.Success()
                    : CommandResults.Failure("PostgreSQL did not finish the promotion within 60 seconds.");
            }, new CommandOptions
            {
                Description = "Make this standby the primary (after the primary is lost). Do not start the old primary again as it is.",
                IconName = "ArrowUp",
                ConfirmationMessage = "Promote the standby to primary? The old primary must not be started again without being rebuilt as a standby.",
            });
        primary.Resource.Standby = standby.Resource;
        primary.WithEnvironment("JUSOU_POSTGRES_SYNCHRONOUS_STANDBY", applicationName);
        return standby;
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server,
        string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        var resource = server.ApplicationBuilder.AddResource(database).ExcludeFromManifest();
        LocalInfrastructure.MirrorState(resource, server.Resource);
        return resource;
    }

    private sealed class PostgresAcceptsConnections(LocalPostgresResource server) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var connectionString = await server.ServerConnectionString.GetValueAsync(cancellationToken);
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
