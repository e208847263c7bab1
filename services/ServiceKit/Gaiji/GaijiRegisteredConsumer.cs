using Jusou.Contracts.Intake;
using Jusou.ServiceKit.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Gaiji;

/// <summary>Learns the municipality's 外字 from Intake's register. A service subclasses it once, to register it.</summary>
public abstract class GaijiRegisteredConsumer<TDb>(TDb db) : InboxConsumer<GaijiRegistered, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override async Task HandleAsync(GaijiRegistered registered, CancellationToken cancellationToken)
    {
        if (await Db.Set<GaijiEntry>().AnyAsync(g => g.CodePoint == registered.CodePoint, cancellationToken)) return;
        Db.Set<GaijiEntry>().Add(new GaijiEntry
        {
            TenantCode = registered.TenantCode, CodePoint = registered.CodePoint, MjCode = registered.MjCode, RegisteredAt = registered.OccurredAt,
        });
    }
}
