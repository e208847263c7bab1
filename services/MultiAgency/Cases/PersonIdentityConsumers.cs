using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceKit.Persons;
using Jusou.MultiAgency.Watch;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// A consultation was linked to a person at Intake: its case (opened before, or later: see PersonIdentity) is that
/// person's. The timeline keeps the change, and the ages Intake announced for the person now apply to the case.
/// </summary>
public sealed class ConsultationLinkedConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : ConsultationLinksConsumer<MultiAgencyDbContext>(db)
{
    protected override Task OnRepointedAsync(PersonChange change, CancellationToken cancellationToken) =>
        CasePersons.RecordAsync(Db, change, clock.GetUtcNow(), cancellationToken);
}

/// <summary>
/// Two records of one person were merged at Intake: the merged person's cases are the survivor's, so counts of persons
/// (実人員) count them once; the ages announced under the merged id follow too.
/// </summary>
public sealed class PersonsMergedConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : PersonMergesConsumer<MultiAgencyDbContext>(db)
{
    protected override async Task OnRepointedAsync(PersonsMerged merge, PersonChange change, CancellationToken cancellationToken)
    {
        // One milestone per (person, age, day): those the survivor already has stay, the rest move.
        await Db.Database.ExecuteSqlAsync($"""
            UPDATE person_age_milestones m SET person_id = {change.PersonId}
            WHERE m.tenant_code = {merge.TenantCode} AND m.person_id = {merge.MergedPersonId}
              AND NOT EXISTS (SELECT 1 FROM person_age_milestones s WHERE s.tenant_code = m.tenant_code
                              AND s.person_id = {change.PersonId} AND s.threshold = m.threshold AND s.reaches_on = m.reaches_on)
            """, cancellationToken);
        await CasePersons.RecordAsync(Db, change, clock.GetUtcNow(), cancellationToken);
    }
}

internal static class CasePersons
{
    /// <summary>A timeline line on each re-pointed case (ids only), and the person's announced ages raised on the open ones.</summary>
    public static async Task RecordAsync(MultiAgencyDbContext db, PersonChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var caseIds = change.Records.Where(r => r.Entity == typeof(SupportCase)).Select(r => r.Id).ToList();
        if (caseIds.Count == 0) return;
        foreach (var caseId in caseIds)
        {
            db.CaseTimeline.Add(new CaseTimelineEntry
            {
                CaseId = caseId, At = change.At, Source = "intake", Kind = change.Kind, RecordId = change.PersonId,
            });
            // What other services opened for the anonymous case follows it (a merge reaches them from Intake directly).
            if (change.Kind == PersonChange.Linked)
            {
                db.Publish(new SupportCaseLinkedToPerson(Guid.CreateVersion7(), change.At, db.Tenant.Required, caseId, change.PersonId));
            }
        }
        await AgeMilestones.RaiseOnCasesAsync(db, caseIds, now, cancellationToken);
    }
}
