using System.Diagnostics;
using System.Diagnostics.Metrics;
using Jusou.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Jusou.ServiceKit.Messaging;

/// <summary>
/// How long the kit keeps its technical rows (Messaging:Retention): outbox rows once sent, inbox rows once handled.
/// An unsent outbox row is never removed, however old.
/// </summary>
public sealed record MessageRetentionSettings(TimeSpan SentOutboxAge, TimeSpan InboxAge, TimeSpan Interval, int BatchSize)
{
    public const string Section = "Messaging:Retention";

    public static readonly MessageRetentionSettings Default = new(TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromMinutes(10), 5_000);

    /// <summary>
    /// The inbox is what makes a redelivered message a no-op, so it must outlive every redelivery: the bus's retries
    /// last about two minutes, and an operator's re-drive of an error queue is expected within days, not weeks.
    /// </summary>
    public static readonly TimeSpan ShortestInboxAge = TimeSpan.FromDays(1);

    /// <summary>Reads Messaging:Retention:SentOutboxAge, InboxAge (TimeSpan, e.g. "7.00:00:00"), Interval and BatchSize.</summary>
    public static MessageRetentionSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var settings = new MessageRetentionSettings(
            section.GetValue<TimeSpan?>(nameof(SentOutboxAge)) ?? Default.SentOutboxAge,
            section.GetValue<TimeSpan?>(nameof(InboxAge)) ?? Default.InboxAge,
            section.GetValue<TimeSpan?>(nameof(Interval)) ?? Default.Interval,
            section.GetValue<int?>(nameof(BatchSize)) ?? Default.BatchSize);
        if (settings.SentOutboxAge < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SentOutboxAge)} must not be negative.");
        }
        if (settings.InboxAge < ShortestInboxAge)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(InboxAge)} must be at least {ShortestInboxAge.TotalDays} day: a message redelivered after its inbox row is gone is handled again.");
        }
        if (settings.Interval <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:{nameof(Interval)} must be positive.");
        if (settings.BatchSize is < 1 or > 100_000) throw new InvalidOperationException($"{Section}:{nameof(BatchSize)} must be between 1 and 100000.");
        return settings;
    }

    /// <summary>Outbox rows sent before this instant go.</summary>
    public DateTimeOffset SentOutboxBefore(DateTimeOffset now) => now - SentOutboxAge;

    /// <summary>Inbox rows received before this instant go.</summary>
    public DateTimeOffset InboxBefore(DateTimeOffset now) => now - InboxAge;
}

/// <summary>What one sweep removed and how long it took.</summary>
public sealed record MessageRetentionSweep(long OutboxDeleted, long InboxDeleted, long ElapsedMilliseconds);

/// <summary>
/// Deletes sent outbox rows and handled inbox rows older than their retention, across all tenants (technical tables
/// without personal data), in batches of <see cref="MessageRetentionSettings.BatchSize"/> rows per statement, each
/// its own short transaction, so the relay and the consumers are never held up for long.
/// </summary>
public sealed class MessageRetention(MessageRetentionSettings settings, TimeProvider clock)
{
    private static readonly Counter<long> Deleted = JusouTelemetry.Meter.CreateCounter<long>(
        "jusou.messaging.retention.deleted", "{row}", "Outbox and inbox rows deleted by the retention sweep (tag: table)");

    public MessageRetentionSettings Settings => settings;

    public async Task<MessageRetentionSweep> SweepAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        // The condition is repeated outside the sub-select: whatever happens between the two, an unsent row never matches.
        var outbox = await DeleteInBatchesAsync(db, "outbox_messages",
            "DELETE FROM outbox_messages WHERE ctid = ANY(ARRAY(SELECT ctid FROM outbox_messages WHERE sent_at < {0} LIMIT {1})) AND sent_at < {0}",
            settings.SentOutboxBefore(now), cancellationToken);
        var inbox = await DeleteInBatchesAsync(db, "inbox_messages",
            "DELETE FROM inbox_messages WHERE ctid = ANY(ARRAY(SELECT ctid FROM inbox_messages WHERE received_at < {0} LIMIT {1})) AND received_at < {0}",
            settings.InboxBefore(now), cancellationToken);
        return new MessageRetentionSweep(outbox, inbox, started.ElapsedMilliseconds);
    }

    private async Task<long> DeleteInBatchesAsync(ServiceDbContext db, string table, string sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var deleted = await db.Database.ExecuteSqlRawAsync(sql, [before, settings.BatchSize], cancellationToken);
            if (deleted > 0) Deleted.Add(deleted, new KeyValuePair<string, object?>("table", table));
            total += deleted;
            if (deleted < settings.BatchSize) return total;
        }
    }
}
