using Jusou.ServiceKit.Messaging;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jusou.ServiceKit;

/// <summary>How a service gets its database and its bus, from the keys Aspire injects.</summary>
public static class ServiceHosting
{
    /// <summary>
    /// The AppHost's name for the RabbitMQ resource: ConnectionStrings__messaging is an amqp:// URI, or one per node of a
    /// cluster separated by commas (<see cref="BrokerAddress"/>).
    /// </summary>
    public const string BrokerConnectionName = "messaging";

    /// <summary>
    /// The service's own PostgreSQL database from ConnectionStrings__{databaseName}, with snake_case names (readable
    /// SQL for reports and operators) and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string databaseName)
        where TDbContext : ServiceDbContext
    {
        var connectionString = Required(builder.Configuration, databaseName);
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.TryAddScoped<TenantContext>();
        builder.Services.TryAddSingleton(TimeProvider.System); // the retention endpoints (and the services' own features) read the clock
        builder.Services.AddDbContext<TDbContext>(options => options
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new WakeRelayOnCommit()));
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: $"{databaseName}-database");
        return builder;
    }

    /// <summary>
    /// MassTransit over RabbitMQ with the outbox relay for <typeparamref name="TDbContext"/>. Queues are named
    /// "{serviceName}-{consumer}" in kebab case; a message that still fails after the retries goes to the
    /// queue's "_error" queue.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TDbContext>(this IHostApplicationBuilder builder, string serviceName,
        params Type[] consumers)
        where TDbContext : ServiceDbContext
    {
        var broker = BrokerAddress.Parse(Required(builder.Configuration, BrokerConnectionName));
        if (broker.UsesGuest && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "ConnectionStrings:messaging signs in as RabbitMQ's guest, which only a development broker may keep: give Jusou an account of its own and delete guest (docs/deploy.md).");
        }
        var queueNames = new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false);
        // Made by the container, so it closes the one operations connection at shutdown.
        builder.Services.AddSingleton(_ => new OperationsConnection(broker, serviceName));
        builder.Services.AddSingleton(sp => new ErrorQueues(sp.GetRequiredService<OperationsConnection>(), consumers.Select(c => ErrorQueues.QueueOf(queueNames, c)).ToList()));

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(queueNames);
            foreach (var consumer in consumers) bus.AddConsumer(consumer);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                // Quorum queues: replicated on every node of a cluster (a majority keeps them), and the same on one node.
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint) rabbitEndpoint.SetQuorumQueue();
                // The database or broker being away (a restart, a failover) is waited out for up to about two
                // minutes, so no message is parked just because PostgreSQL restarted.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Handle<Exception>(Transient.Is);
                    retry.Exponential(12, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500));
                });
                // Anything else gets three quick tries, then goes to the queue's error queue for an operator;
                // it never blocks the queue.
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Ignore<Exception>(Transient.Is);
                    retry.Intervals(100, 500, 1000);
                });
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                broker.ConfigureHost(rabbit);
                // MassTransit's default on two cores is 4 messages in flight per queue, each waiting on its own
                // commit: the referral consumer was latency-bound at ~300/s with the CPU half idle. More in flight
                // lets PostgreSQL flush several commits at once (docs/performance-notes.md). Kept at 8: every message in
                // flight holds a database connection, and a service has a queue per consumer sharing one pool of 100.
                var settings = builder.Configuration.GetSection("Messaging");
                rabbit.PrefetchCount = settings.GetValue("PrefetchCount", 16);
                rabbit.ConcurrentMessageLimit = settings.GetValue("ConcurrentMessageLimit", 8);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false;
            // On SIGTERM let consumers finish what they are handling.
            options.StopTimeout = TimeSpan.FromSeconds(20);
        });
        // Registered after the bus, so it starts after it (and stops before it: a batch in flight is finished first).
        builder.Services.AddHostedService<OutboxRelay<TDbContext>>();
        builder.Services.AddHostedService<ServiceGauges<TDbContext>>();
        builder.Services.AddSingleton(sp => new MessageRetention(MessageRetentionSettings.From(builder.Configuration), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<MessageRetentionService<TDbContext>>();
        return builder;
    }

    /// <summary>
    /// Applies the service's checked-in EF Core migrations (creating the database if needed) before it serves. Replicas
    /// starting together take turns (an advisory lock on the server). With Database:MigrateAtStartup=false (production,
    /// where migrating is a deployment step) it only checks that the database is up to date and refuses to start
    /// otherwise. Database:MigrateAtStartup=only is that deployment step: migrate, then exit (./jusou migrate).
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this WebApplication app) where TDbContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var mode = app.Configuration["Database:MigrateAtStartup"] ?? "true";
        if (mode is not ("true" or "false" or "only"))
        {
            throw new InvalidOperationException($"Database:MigrateAtStartup must be true, false or only, not '{mode}'.");
        }
        var migrateAtStartup = mode != "false";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!migrateAtStartup)
                {
                    if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
                    {
                        throw new InvalidOperationException(
                            $"The database lacks migrations {string.Join(", ", pending)} and Database:MigrateAtStartup is false: apply them first (./jusou migrate, docs/deploy.md).");
                    }
                    return;
                }
                await using var turn = await MigrationTurnAsync(db.Database.GetConnectionString()!);
                await CreateDatabaseIfMissingAsync(db.Database.GetConnectionString()!);
                // EF Core reads its history table before creating it and logs that first read as an error; create it first.
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript());
                if (await UnknownMigrationsAsync(db) is { Count: > 0 } unknown)
                {
                    // Until the first release each service keeps one regenerated Initial migration, so a database made by
                    // an older checkout cannot be migrated. A development database is only sample data: make it again.
                    if (!app.Environment.IsDevelopment())
                    {
                        throw new InvalidOperationException(
                            $"The database was made by migrations this build does not have ({string.Join(", ", unknown)}); it must be migrated by hand.");
                    }
                    app.Logger.LogWarning("The database was made by migrations this build does not have ({Migrations}): recreating it (Development only)",
                        string.Join(", ", unknown));
                    await DropDatabaseAsync(db.Database.GetConnectionString()!);
                    continue;
                }
                await db.Database.MigrateAsync();
                if (mode == "only")
                {
                    app.Logger.LogInformation("Database migrated (Database:MigrateAtStartup=only); exiting");
                    Environment.Exit(0);
                }
                return;
            }
            // Only what passes is waited for (server starting, connection refused); an error in a migration fails at once.
            catch (Exception exception) when (attempt < 10 && exception is TimeoutException or NpgsqlException { IsTransient: true })
            {
                app.Logger.LogWarning(exception, "Database not reachable yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    /// <summary>
    /// Waits for this database's migration turn: a session advisory lock in the server's maintenance database (the
    /// service's own may not exist yet), held until the returned connection is closed. Two replicas never create the
    /// same tables at once.
    /// </summary>
    private static async Task<NpgsqlConnection> MigrationTurnAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync();
            await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('jusou-migrate:' || $1))", connection)
            {
                Parameters = { new() { Value = target.Database } },
            };
            await wait.ExecuteNonQueryAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<string>> UnknownMigrationsAsync(DbContext db)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        return (await db.Database.GetAppliedMigrationsAsync()).Where(applied => !known.Contains(applied)).ToList();
    }

    private static async Task DropDatabaseAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database!.Replace("\"", "\"\"")}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    // EF Core would find a missing database by failing to connect to it, which it logs as an error on every first
    // start; asking the server first keeps the operators' error list for real errors.
    private static async Task CreateDatabaseIfMissingAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = target.Database } },
        };
        if (await exists.ExecuteScalarAsync() is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"ConnectionStrings:{name} is not configured; the AppHost injects it.");
}
