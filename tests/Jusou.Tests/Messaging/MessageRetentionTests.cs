using Jusou.ServiceKit.Messaging;
using System.Net;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jusou.Tests.Messaging;

/// <summary>The cut-off rule of the outbox and inbox retention, without a system.</summary>
public sealed class MessageRetentionSettingsTests
{
    private static MessageRetentionSettings From(params (string Key, string Value)[] values) =>
        MessageRetentionSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Messaging:Retention:{v.Key}", v.Value)))
            .Build());

    [Fact]
    public void Without_configuration_sent_outbox_rows_are_kept_7_days_and_inbox_rows_14()
    {
        var settings = From();
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddDays(-7), settings.SentOutboxBefore(now));
        Assert.Equal(now.AddDays(-14), settings.InboxBefore(now));
        Assert.Equal(TimeSpan.FromMinutes(10), settings.Interval);
        Assert.Equal(5_000, settings.BatchSize);
    }

    [Fact]
    public void Configuration_changes_the_ages_the_interval_and_the_batch()
    {
        var settings = From(("SentOutboxAge", "2.00:00:00"), ("InboxAge", "30.00:00:00"), ("Interval", "00:00:05"), ("BatchSize", "100"));
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddDays(-2), settings.SentOutboxBefore(now));
        Assert.Equal(now.AddDays(-30), settings.InboxBefore(now));
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Interval);
        Assert.Equal(100, settings.BatchSize);
    }

    [Fact]
    public void An_inbox_kept_less_than_a_day_is_refused_because_a_re_driven_message_would_be_handled_twice()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From(("InboxAge", "02:00:00")));
        Assert.Contains("InboxAge", refused.Message);
        Assert.Throws<InvalidOperationException>(() => From(("SentOutboxAge", "-1.00:00:00")));
        Assert.Throws<InvalidOperationException>(() => From(("Interval", "00:00:00")));
        Assert.Throws<InvalidOperationException>(() => From(("BatchSize", "0")));
    }
}

/// <summary>The retention sweep on the real PostgreSQL: exactly the old sent outbox rows and the old inbox rows go.</summary>
[Collection(SystemCollection.Name)]
public sealed class MessageRetentionTests(SystemFixture system)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_sweep_deletes_old_sent_outbox_rows_and_old_inbox_rows_in_batches_and_nothing_else()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        // Batches of two: five old rows take three statements.
        using var host = await MessagingTestHost.Build(system, database, "retention-test", withConsumers: false,
            settings: new Dictionary<string, string?> { ["Messaging:Retention:BatchSize"] = "2" });
        var tenant = Tenants.Fresh();
        var oldSent = new List<Guid>();
        for (var i = 0; i < 5; i++) oldSent.Add(await InsertOutbox(database, tenant, Now.AddDays(-30), sentAt: Now.AddDays(-8 - i)));
        var recentSent = await InsertOutbox(database, tenant, Now.AddDays(-6), sentAt: Now.AddDays(-6));
        var oldUnsent = await InsertOutbox(database, tenant, Now.AddDays(-60), sentAt: null);
        var oldInbox = new List<Guid>();
        for (var i = 0; i < 3; i++) oldInbox.Add(await InsertInbox(database, Now.AddDays(-15 - i)));
        var recentInbox = await InsertInbox(database, Now.AddDays(-13));

        await using var scope = host.Services.CreateAsyncScope();
        var sweep = await host.Services.GetRequiredService<MessageRetention>()
            .SweepAsync(scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>(), CancellationToken.None);

        Assert.Equal(5, sweep.OutboxDeleted);
        Assert.Equal(3, sweep.InboxDeleted);
        Assert.Equal(new[] { recentSent, oldUnsent }.Order(), (await Ids(database, "SELECT id FROM outbox_messages")).Order());
        Assert.Equal([recentInbox], await Ids(database, "SELECT message_id FROM inbox_messages"));

        var again = await host.Services.GetRequiredService<MessageRetention>()
            .SweepAsync(scope.ServiceProvider.GetRequiredService<MessagingTestDbContext>(), CancellationToken.None);
        Assert.Equal((0, 0), (again.OutboxDeleted, again.InboxDeleted));
    }

    [Fact]
    public async Task A_running_service_sweeps_by_itself_every_interval()
    {
        var database = await MessagingTestHost.CreateDatabase(system);
        var tenant = Tenants.Fresh();
        var oldSent = await InsertOutbox(database, tenant, Now.AddDays(-30), sentAt: Now.AddDays(-8));
        var oldInbox = await InsertInbox(database, Now.AddDays(-15));
        using var host = await MessagingTestHost.Build(system, database, $"retention-{Guid.NewGuid():N}"[..24], withConsumers: false,
            settings: new Dictionary<string, string?> { ["Messaging:Retention:Interval"] = "00:00:00.200" });
        await host.StartAsync();

        await Eventually.True(async () => (await Ids(database, "SELECT id FROM outbox_messages")).Count == 0
            && (await Ids(database, "SELECT message_id FROM inbox_messages")).Count == 0, TimeSpan.FromSeconds(20),
            $"outbox row {oldSent} and inbox row {oldInbox} swept");
        await host.StopAsync();
    }

    [Fact]
    public async Task An_operator_runs_the_sweep_of_a_service_now_and_only_the_expired_rows_of_its_tables_go()
    {
        // Only sent rows here: an unsent row in a running service's outbox would be published by its relay (the
        // batched test above shows an old unsent row stays).
        var tenant = Tenants.Fresh();
        var oldSent = await InsertOutbox(system, "intakedb", tenant, Now.AddDays(-30), sentAt: Now.AddDays(-8));
        var recentSent = await InsertOutbox(system, "intakedb", tenant, Now.AddDays(-6), sentAt: Now.AddDays(-6));
        var oldInbox = await InsertInbox(system, "intakedb", Now.AddDays(-15));
        var recentInbox = await InsertInbox(system, "intakedb", Now.AddDays(-13));

        var ops = system.Gateway(tenant, JusouRoles.Ops);
        var response = await ops.PostAsync("/api/intake/ops/message-retention", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sweep = await response.ReadObject();
        Assert.NotNull(sweep["outboxDeleted"]);
        Assert.NotNull(sweep["inboxDeleted"]);

        Assert.Equal(0, await Sql.Count(system, "intakedb", "SELECT count(*) FROM outbox_messages WHERE id = $1", oldSent));
        Assert.Equal(1, await Sql.Count(system, "intakedb", "SELECT count(*) FROM outbox_messages WHERE id = $1", recentSent));
        Assert.Equal(0, await Sql.Count(system, "intakedb", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", oldInbox));
        Assert.Equal(1, await Sql.Count(system, "intakedb", "SELECT count(*) FROM inbox_messages WHERE message_id = $1", recentInbox));

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/intake/ops/message-retention", null)).StatusCode);
    }

    private const string InsertOutboxSql = """
        INSERT INTO outbox_messages (id, tenant_code, event_type, payload, occurred_at, sent_at)
        VALUES ($1, $2, 'Jusou.Contracts.Intake.ConsultationReferred', '{}'::jsonb, $3, $4)
        """;

    private const string InsertInboxSql = "INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ($1, 'retention-test', $2)";

    private static async Task<Guid> InsertOutbox(SystemFixture system, string database, string tenant, DateTimeOffset occurredAt, DateTimeOffset? sentAt)
    {
        var id = Guid.CreateVersion7();
        await Sql.Execute(system, database, InsertOutboxSql, id, tenant, occurredAt, sentAt is { } at ? at : DBNull.Value);
        return id;
    }

    private static async Task<Guid> InsertInbox(SystemFixture system, string database, DateTimeOffset receivedAt)
    {
        var id = Guid.CreateVersion7();
        await Sql.Execute(system, database, InsertInboxSql, id, receivedAt);
        return id;
    }

    private static async Task<Guid> InsertOutbox(string connectionString, string tenant, DateTimeOffset occurredAt, DateTimeOffset? sentAt)
    {
        var id = Guid.CreateVersion7();
        await Execute(connectionString, InsertOutboxSql, id, tenant, occurredAt, sentAt is { } at ? at : DBNull.Value);
        return id;
    }

    private static async Task<Guid> InsertInbox(string connectionString, DateTimeOffset receivedAt)
    {
        var id = Guid.CreateVersion7();
        await Execute(connectionString, InsertInboxSql, id, receivedAt);
        return id;
    }

    private static async Task Execute(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<Guid>> Ids(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
