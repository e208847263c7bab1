using Jusou.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jusou.ServiceKit.Messaging.Inbox;

/// <summary>
/// Base of every consumer: handles a message at most once per consumer. In one transaction it claims the message id
/// in the inbox, runs <see cref="HandleAsync"/> and saves; a redelivered message finds its claim and does nothing.
/// Two copies delivered at once serialise on the inbox row, so the second sees the first's commit.
/// </summary>
public abstract class InboxConsumer<TEvent, TDbContext>(TDbContext db) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
    where TDbContext : ServiceDbContext
{
    protected TDbContext Db => db;

    /// <summary>Applies the event's effect to <see cref="Db"/>; it is saved and committed by the caller.</summary>
    protected abstract Task HandleAsync(TEvent message, CancellationToken cancellationToken);

    /// <summary>
    /// The unique index (by its database name) that refuses this consumer's effect when another message already had it,
    /// or null. A consumer naming one does not read before writing: its save is refused by the index instead, and the
    /// message is then recorded as handled with no effect. One statement fewer on every message, and the index (not a
    /// read that a concurrent writer can slip past) is what decides.
    /// </summary>
    protected virtual string? EffectUniqueIndex => null;

    /// <summary>
    /// Whether the message can have an effect here at all. When false it is acknowledged without a transaction or an
    /// inbox row: with no effect there is nothing to keep from happening twice, and a redelivery asks again. Only for
    /// a read-only check that makes the message a no-op whenever it is delivered (so exactly-once effects still hold);
    /// it runs under the message's tenant, outside any transaction.
    /// </summary>
    protected virtual Task<bool> AppliesAsync(TEvent message, CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;
        var receivedAt = context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow();
        db.Tenant.Use(context.Message.TenantCode);
        if (!await AppliesAsync(context.Message, cancellationToken)) return;

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ClaimAsync(messageId, consumer, receivedAt, cancellationToken)) return; // handled before: acknowledge and do nothing

            await HandleAsync(context.Message, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (EffectUniqueIndex is { } index
            && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            && unique.ConstraintName == index)
        {
            // The effect exists already (another message had it): the failed transaction is rolled back; record this
            // message as handled, alone, so a redelivery stops at the claim.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ClaimAsync(messageId, consumer, receivedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private async Task<bool> ClaimAsync(Guid messageId, string consumer, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({messageId}, {consumer}, {receivedAt}) ON CONFLICT DO NOTHING",
            cancellationToken) > 0;
}
