using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.ServiceKit;
using Jusou.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jusou.Tests.Messaging;

/// <summary>Our transactional outbox and idempotent inbox, on the system's real PostgreSQL and RabbitMQ.</summary>
[Collection(SystemCollection.Name)]
public sealed class OutboxInboxTests(SystemFixture system)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static ConsultationReferred Referral(string tenant, string? concern = "debt") =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, Guid.CreateVersion7(), null, concern, "consent");

    [Fact]
    public async Task An_event_leaves_only_if_its_transaction_commits_and_carries_the_outbox_id()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var deliveries = new Deliveries();
        using var host = await MessagingTestHost.Build(system, database, Unique("commit"), withConsumers: true, deliveries);
        await host.StartAsync();
        var tenant = Tenants.Fresh();

        var rolledBack = Referral(tenant);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = Db(scope, tenant);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Publish(rolledBack);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var committed = Referral(tenant);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = Db(scope, tenant);
            db.Publish(committed);
            await db.SaveChangesAsync();
        }

        await Eventually.True(() => Task.FromResult(deliveries.Of(committed.EventId) == 1), Timeout, "the committed event");
        await Eventually.True(async () => await Receipts(host, tenant, committed.ConsultationId) == 1, Timeout, "its receipt");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = Db(scope, tenant);
            var row = await db.OutboxMessages.SingleAsync(m => m.Id == committed.EventId);
            Assert.NotNull(row.SentAt);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.Id == rolledBack.EventId));
        }
        Assert.Equal(0, deliveries.Of(rolledBack.EventId));
        await host.StopAsync();
    }

    [Fact]
    public async Task Events_committed_while_no_relay_ran_are_published_when_one_starts()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var deliveries = new Deliveries();
        var tenant = Tenants.Fresh();
        var events = Enumerable.Range(0, 5).Select(_ => Referral(tenant)).ToList();

        // Committed by a process that then "crashed": its relay never ran.
        using (var crashed = await MessagingTestHost.Build(system, database, Unique("crashed"), withConsumers: false))
        {
            await using var scope = crashed.Services.CreateAsyncScope();
            var db = Db(scope, tenant);
            events.ForEach(db.Publish);
            await db.SaveChangesAsync();
        }

        using var restarted = await MessagingTestHost.Build(system, database, Unique("restarted"), withConsumers: true, deliveries);
        await restarted.StartAsync();
        foreach (var e in events)
        {
            await Eventually.True(() => Task.FromResult(deliveries.Of(e.EventId) == 1), Timeout, "each event left behind");
        }
        await restarted.StopAsync();
    }

    [Fact]
    public async Task A_redelivered_message_has_its_effect_once()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var deliveries = new Deliveries();
        using var host = await MessagingTestHost.Build(system, database, Unique("redelivery"), withConsumers: true, deliveries);
        await host.StartAsync();
        var tenant = Tenants.Fresh();
        var referral = Referral(tenant);

        var bus = host.Services.GetRequiredService<IBus>();
        for (var i = 0; i < 3; i++)
        {
            await bus.Publish(referral, context => context.MessageId = referral.EventId);
        }

        await Eventually.True(() => Task.FromResult(deliveries.Of(referral.EventId) == 3), Timeout, "three deliveries");
        await Eventually.True(async () => await InboxRows(host, referral.EventId) == 1, Timeout, "the inbox claim");
        Assert.Equal(1, await Receipts(host, tenant, referral.ConsultationId));
        await host.StopAsync();
    }

    [Fact]
    public async Task Several_relays_publish_every_event_exactly_once()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var deliveries = new Deliveries();
        var tenant = Tenants.Fresh();
        var events = Enumerable.Range(0, 300).Select(_ => Referral(tenant)).ToList();

        var consumers = Unique("relays");
        // Bind the consumer's queue first, so that whichever relay publishes first, nothing goes unrouted.
        using (var binder = await MessagingTestHost.Build(system, database, consumers, withConsumers: true))
        {
            await binder.StartAsync();
            await binder.StopAsync();
        }

        using var consumerHost = await MessagingTestHost.Build(system, database, consumers, withConsumers: true, deliveries);
        using var secondRelay = await MessagingTestHost.Build(system, database, Unique("relay-b"), withConsumers: false);
        using var thirdRelay = await MessagingTestHost.Build(system, database, Unique("relay-c"), withConsumers: false);
        await using (var scope = consumerHost.Services.CreateAsyncScope())
        {
            var db = Db(scope, tenant);
            events.ForEach(db.Publish);
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(consumerHost.StartAsync(), secondRelay.StartAsync(), thirdRelay.StartAsync());
        await Eventually.True(() => Task.FromResult(events.All(e => deliveries.Of(e.EventId) >= 1)), Timeout, "all 300 events");
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a duplicate to show up, were there one

        Assert.All(events, e => Assert.Equal(1, deliveries.Of(e.EventId)));
        await using (var scope = consumerHost.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await Db(scope, tenant).OutboxMessages.CountAsync(m => m.SentAt == null));
        }
        await Task.WhenAll(consumerHost.StopAsync(), secondRelay.StopAsync(), thirdRelay.StopAsync());
    }

    [Fact]
    public async Task A_message_that_always_fails_is_retried_then_parked_in_the_error_queue()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var serviceName = Unique("poison");
        using var host = await MessagingTestHost.Build(system, database, serviceName, withConsumers: true);
        await host.StartAsync();
        var tenant = Tenants.Fresh();
        var poison = Referral(tenant, concern: ReceiptConsumer.Poison);
        var healthy = Referral(tenant);

        var bus = host.Services.GetRequiredService<IBus>();
        await bus.Publish(poison, context => context.MessageId = poison.EventId);
        await bus.Publish(healthy, context => context.MessageId = healthy.EventId);

        // The queue is not blocked: the healthy message is handled while the poison one is being retried.
        await Eventually.True(async () => await Receipts(host, tenant, healthy.ConsultationId) == 1, Timeout, "the healthy message");

        var management = system.App.GetEndpoint("messaging", "management");
        using var http = new HttpClient { BaseAddress = management };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        var errorQueue = $"/api/queues/%2F/{serviceName}-receipt_error";
        await Eventually.True(async () =>
        {
            var response = await http.GetAsync(errorQueue);
            if (!response.IsSuccessStatusCode) return false;
            var queue = await response.Content.ReadFromJsonAsync<JsonObject>();
            return queue?["messages"]?.GetValue<int>() == 1;
        }, TimeSpan.FromSeconds(40), "the poison message in the error queue");

        Assert.Equal(0, await Receipts(host, tenant, poison.ConsultationId));
        Assert.Equal(0, await InboxRows(host, poison.EventId)); // its failed attempts left nothing behind
        await host.StopAsync();
    }

    private static string Unique(string name) => $"test-{name}-{Guid.NewGuid():N}"[..30];

    private static MessagingTestDbContext Db(AsyncServiceScope scope, string tenant)
    {
        var db = scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>();
        db.Tenant.Use(tenant);
        return db;
    }

    private static async Task<int> Receipts(IHost host, string tenant, Guid consultationId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await Db(scope, tenant).Receipts.CountAsync(r => r.ConsultationId == consultationId);
    }

    private static async Task<int> InboxRows(IHost host, Guid messageId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>().InboxMessages
            .CountAsync(m => m.MessageId == messageId && m.Consumer == nameof(ReceiptConsumer));
    }
}
