using Jusou.Contracts.CommunityResources;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Opportunities;

// The catalogue follows CommunityResources' directory. Each message carries the service's publication version: a
// message older than what was applied (redelivered, or overtaken on the bus) changes nothing; the inbox drops exact
// redeliveries, and the unique index on the service id keeps one opportunity per service.

/// <summary>A directory service was published or changed: participation-capable ones are opportunities.</summary>
public sealed class CommunityServicePublishedConsumer(ParticipationDbContext db, TimeProvider clock)
    : InboxConsumer<CommunityServicePublished, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(CommunityServicePublished published, CancellationToken cancellationToken)
    {
        var opportunity = await Db.Opportunities.FirstOrDefaultAsync(o => o.CommunityServiceId == published.ServiceId, cancellationToken);
        if (opportunity is null)
        {
            // Not (yet) for participation: nothing to keep. A later version marked capable creates it.
            if (!published.ParticipationCapable) return;
            opportunity = new Opportunity
            {
                Source = "community",
                CommunityServiceId = published.ServiceId,
                TenantCode = published.TenantCode,
                CreatedAt = clock.GetUtcNow(),
                Kind = ParticipationCodes.KindFromDirectory(published.TaxonomyCodes),
            };
            Db.Opportunities.Add(opportunity);
        }
        else if (published.Version <= opportunity.CommunityVersion)
        {
            return;
        }

        opportunity.CommunityVersion = published.Version;
        opportunity.CommunityLocationId = published.LocationId;
        opportunity.HostOrganisationCode = published.OrganisationCode;
        opportunity.DistrictCode = published.AreaCode;
        opportunity.Capacity = published.Capacity;
        opportunity.Paid = published.Paid;
        opportunity.ListedInDirectory = published.ParticipationCapable;
        opportunity.DirectoryClosedReason = published.ParticipationCapable ? null : "not_participation_capable";
        opportunity.UpdatedAt = clock.GetUtcNow();
    }
}

/// <summary>A directory service was withdrawn (終了・休止): no new placements; those under way go on.</summary>
public sealed class CommunityServiceWithdrawnConsumer(ParticipationDbContext db, TimeProvider clock)
    : InboxConsumer<CommunityServiceWithdrawn, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(CommunityServiceWithdrawn withdrawn, CancellationToken cancellationToken)
    {
        var opportunity = await Db.Opportunities.FirstOrDefaultAsync(o => o.CommunityServiceId == withdrawn.ServiceId, cancellationToken);
        if (opportunity is null || withdrawn.Version <= opportunity.CommunityVersion) return;
        opportunity.CommunityVersion = withdrawn.Version;
        opportunity.ListedInDirectory = false;
        opportunity.DirectoryClosedReason = "withdrawn";
        opportunity.UpdatedAt = clock.GetUtcNow();
    }
}
