using Jusou.Contracts.Intake;
using Jusou.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.MultiAgency.Watch;

/// <summary>
/// Intake found that a person referred to 多機関協働 reaches a watched age soon: an alert on each of the person's open
/// cases. The milestone is kept too, for cases of the person opened later (the scan applies it).
/// </summary>
public sealed class AgeThresholdApproachingConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : InboxConsumer<AgeThresholdApproaching, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(AgeThresholdApproaching approaching, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO person_age_milestones (id, tenant_code, person_id, threshold, reaches_on, received_at)
            VALUES ({Guid.CreateVersion7()}, {approaching.TenantCode}, {approaching.PersonId}, {approaching.Threshold}, {approaching.ReachesOn}, {now})
            ON CONFLICT (tenant_code, person_id, threshold, reaches_on) DO NOTHING
            """, cancellationToken);

        var openCases = await Db.SupportCases.AsNoTracking()
            .Where(c => c.PersonId == approaching.PersonId && c.Status != "closed")
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var key = PersonAgeMilestone.KeyFor(approaching.Threshold, approaching.ReachesOn);
        foreach (var caseId in openCases)
        {
            await WatchAlert.RaiseAsync(Db, caseId, WatchCodes.AgeThreshold, key, approaching.ReachesOn, now, cancellationToken);
        }
    }
}
