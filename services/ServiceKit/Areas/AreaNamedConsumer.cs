using Jusou.Contracts.CommunityResources;
using Jusou.ServiceKit.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Areas;

/// <summary>Keeps <see cref="KnownArea"/> from CommunityResources' announcements. A service subclasses it once, to register it.</summary>
public abstract class AreaNamedConsumer<TDb>(TDb db) : InboxConsumer<AreaNamed, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override async Task HandleAsync(AreaNamed named, CancellationToken cancellationToken)
    {
        var areas = Db.Set<KnownArea>();
        var known = await areas.FirstOrDefaultAsync(a => a.Code == named.AreaCode, cancellationToken);
        var added = KnownArea.Learn(known, named.TenantCode, named.AreaCode, named.Name, named.Level, named.OccurredAt);
        if (added is not null) areas.Add(added);
    }
}
