using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Targets;

namespace Jusou.Outreach.Privacy;

/// <summary>
/// Outreach's part of a 開示請求: the targets recorded for the person (by Intake person id, and those Intake knows were
/// handed on as the person's consultation: <c>linked</c>), every contact attempt with its notes — the export is answered
/// by a manager, who may read notes — and the hand-offs; and, as linked records, the 気になる人 reports the targets
/// came from (CommunityResources holds them).
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(OutreachDbContext db, TimeProvider clock, SubjectQuery query,
        CancellationToken cancellationToken)
    {
        var (personIds, linked) = (query.PersonIds, query.Linked);
        var targets = await db.Targets.AsNoTracking()
            .Where(t => (t.PersonId != null && personIds.Contains(t.PersonId.Value)) || linked.Contains(t.Id))
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var targetIds = targets.Select(t => t.Id).ToList();
        var contacts = await db.ContactAttempts.AsNoTracking().Where(a => targetIds.Contains(a.TargetId))
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var handOffs = await db.HandOffs.AsNoTracking().Where(h => targetIds.Contains(h.TargetId))
            .OrderBy(h => h.Id).ToListAsync(cancellationToken);

        var today = JapanDate.Today(clock);
        var records = new Dictionary<string, IReadOnlyList<object>>
        {
            ["targets"] = targets.Select(t => TargetResponse.From(t, today)).ToList(),
            ["contactAttempts"] = contacts.Select(a => ContactResponse.From(a, withNotes: true)).ToList(),
            ["handOffs"] = handOffs.Select(HandOffResponse.From).ToList(),
        };
        var reports = targets.Where(t => t.Source == "concern_report" && t.SourceId != null).Select(t => t.SourceId!.Value).Distinct().ToList();
        return new SubjectAccessPart(records, new Dictionary<string, IReadOnlyList<Guid>> { ["community"] = reports });
    }
}
