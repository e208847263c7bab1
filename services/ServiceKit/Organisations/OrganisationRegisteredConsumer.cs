using Jusou.Contracts.CommunityResources;
using Jusou.ServiceKit.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Organisations;

/// <summary>
/// Keeps <see cref="KnownOrganisation"/> from the directory's announcements. The inbox drops a redelivered message;
/// the version makes an older announcement arriving after a newer one change nothing. A service subclasses it once,
/// to register it.
/// </summary>
public abstract class OrganisationRegisteredConsumer<TDb>(TDb db, TimeProvider clock) : InboxConsumer<OrganisationRegistered, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override async Task HandleAsync(OrganisationRegistered registered, CancellationToken cancellationToken)
    {
        var organisations = Db.Set<KnownOrganisation>();
        var known = await organisations.FirstOrDefaultAsync(o => o.Code == registered.OrganisationCode, cancellationToken);
        var added = KnownOrganisation.Learn(known, registered.TenantCode, registered.OrganisationCode, registered.OrganisationId,
            registered.KindCode, registered.ParentOrganisationCode, registered.Version, clock.GetUtcNow());
        if (added is not null) organisations.Add(added);
    }
}
