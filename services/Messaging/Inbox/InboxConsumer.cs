using Jusou.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Messaging.Inbox;

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

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var messageId = context.MessageId ?? context.Message.EventId;
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;
        db.Tenant.Use(context.Message.TenantCode);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, received_at) VALUES ({messageId}, {consumer}, {context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0) return; // handled before: acknowledge and do nothing

        await HandleAsync(context.Message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
