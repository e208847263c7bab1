using System.Collections.Concurrent;
using Jusou.Contracts.Intake;
using Jusou.ServiceKit;
using Jusou.ServiceKit.Messaging.Inbox;
using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jusou.Tests.Messaging;

/// <summary>A row a test consumer writes: the visible effect of handling an event.</summary>
public sealed class Receipt : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid ConsultationId { get; init; }
}

/// <summary>A service database of its own for the messaging tests: outbox, inbox and receipts.</summary>
public sealed class MessagingTestDbContext(DbContextOptions<MessagingTestDbContext> options, TenantContext tenant, OutboxSignal signal)
    : ServiceDbContext(options, tenant, signal)
{
    public DbSet<Receipt> Receipts => Set<Receipt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Receipt>().HasKey(r => r.Id);
        ConfineToTenant(modelBuilder);
    }
}

/// <summary>Writes a receipt through the inbox: its effect must happen once per message.</summary>
public sealed class ReceiptConsumer(MessagingTestDbContext db) : InboxConsumer<ConsultationReferred, MessagingTestDbContext>(db)
{
    protected override Task HandleAsync(ConsultationReferred message, CancellationToken cancellationToken)
    {
        if (message.MainConcern == Poison) throw new InvalidOperationException("This message can never be handled.");
        if (Refused.ContainsKey(message.ConsultationId)) throw new InvalidOperationException("Refused until a test accepts it.");
        Db.Receipts.Add(new Receipt { ConsultationId = message.ConsultationId });
        return Task.CompletedTask;
    }

    public const string Poison = "poison";

    private static readonly ConcurrentDictionary<Guid, bool> Refused = new();
    public static void Refuse(Guid consultationId) => Refused[consultationId] = true;
    public static void Accept(Guid consultationId) => Refused.TryRemove(consultationId, out _);
}

/// <summary>Counts every delivery by message id, without an inbox: shows what the broker really delivered.</summary>
public sealed class Deliveries
{
    private readonly ConcurrentDictionary<Guid, int> _counts = new();
    public void Add(Guid messageId) => _counts.AddOrUpdate(messageId, 1, (_, n) => n + 1);
    public int Of(Guid messageId) => _counts.GetValueOrDefault(messageId);
}

public sealed class DeliveryCounter(Deliveries deliveries) : IConsumer<ConsultationReferred>
{
    public Task Consume(ConsumeContext<ConsultationReferred> context)
    {
        deliveries.Add(context.MessageId!.Value);
        return Task.CompletedTask;
    }
}

/// <summary>Builds a host wired exactly like a service (AddServiceDatabase + AddMessaging) against the test system.</summary>
public static class MessagingTestHost
{
    public const string DatabaseName = "messagingtestdb";

    public static async Task<string> CreateDatabase(SystemFixture system)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await system.ConnectionString("intakedb"))
        {
            Database = $"messaging_test_{Guid.NewGuid():N}",
        }.ConnectionString;
        var host = await Build(system, connectionString, "messaging-test-setup", withConsumers: false);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>().Database.EnsureCreatedAsync();
        host.Dispose();
        return connectionString;
    }

    public static async Task<IHost> Build(SystemFixture system, string databaseConnectionString, string serviceName,
        bool withConsumers, Deliveries? deliveries = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Development, like the system it joins: its broker is the development broker, reached as guest.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseName}"] = databaseConnectionString,
            [$"ConnectionStrings:{ServiceHosting.BrokerConnectionName}"] = await system.ConnectionString(ServiceHosting.BrokerConnectionName),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDatabase<MessagingTestDbContext>(DatabaseName);
        builder.AddMessaging<MessagingTestDbContext>(serviceName, withConsumers ? [typeof(ReceiptConsumer), typeof(DeliveryCounter)] : []);
        builder.Services.AddSingleton(deliveries ?? new Deliveries());
        // A service starts without waiting for the broker (its outbox absorbs an outage); a test host waits, so
        // that its queues are bound before the test publishes to them.
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        return builder.Build();
    }
}
