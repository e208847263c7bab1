using Jusou.MultiAgency.Cases;
using Jusou.Contracts.Intake;
using Jusou.ServiceKit.Persons;

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
        // A case becoming the person's right now (a link or merge being learnt) gets the age either from here or from there.
        await PersonIdentity.HoldOffLearningAsync(Db, cancellationToken);
        // Announced under an id since merged here: it is the survivor's age.
        var personId = await PersonIdentity.SurvivorAsync(Db, approaching.PersonId, cancellationToken);
        await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO person_age_milestones (id, tenant_code, person_id, threshold, reaches_on, received_at)
            VALUES ({Guid.CreateVersion7()}, {approaching.TenantCode}, {personId}, {approaching.Threshold}, {approaching.ReachesOn}, {now})
            ON CONFLICT (tenant_code, person_id, threshold, reaches_on) DO NOTHING
            """, cancellationToken);

        var openCases = await Db.SupportCases.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Status != SupportCaseCodes.Closed)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var key = PersonAgeMilestone.KeyFor(approaching.Threshold, approaching.ReachesOn);
        foreach (var caseId in openCases)
        {
            await WatchAlert.RaiseAsync(Db, caseId, WatchCodes.AgeThreshold, key, approaching.ReachesOn, now, cancellationToken);
        }
    }
}

/// <summary>The ages Intake announced for a person, applied to cases that became theirs after the announcement.</summary>
public static class AgeMilestones
{
    public static async Task RaiseOnCasesAsync(MultiAgencyDbContext db, IReadOnlyCollection<Guid> caseIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var today = JapanDate.Of(now);
        var due = await db.SupportCases.AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.Status != SupportCaseCodes.Closed)
            .Join(db.PersonAgeMilestones.Where(m => m.ReachesOn >= today), c => c.PersonId, m => (Guid?)m.PersonId,
                (c, m) => new { CaseId = c.Id, m.Threshold, m.ReachesOn })
            .ToListAsync(cancellationToken);
        foreach (var m in due)
        {
            await WatchAlert.RaiseAsync(db, m.CaseId, WatchCodes.AgeThreshold, PersonAgeMilestone.KeyFor(m.Threshold, m.ReachesOn), m.ReachesOn, now,
                cancellationToken);
        }
    }
}
