using Jusou.Intake.Consents;
using Jusou.Intake.Consultations;
using Jusou.Intake.Gaiji;
using Jusou.Intake.Households;
using Jusou.ServiceKit.Gaiji;
using Jusou.Intake.Persons;
using Jusou.Intake.Referrals;

namespace Jusou.Intake.Privacy;

/// <summary>
/// Intake's part of a 開示請求: the person (and any record merged into them: the same resident), the households they
/// belong to, their consents, consultations with follow-ups and status history, the referrals made from those
/// consultations, duplicate flags naming them, the age-watch notices sent about them and the 住民異動 applied to them; and, as linked records,
/// the outreach targets its consultations were handed on from. Intake is where persons are
/// recorded, so an unknown id (or another tenant's: the DbContext sees only the caller's) is a 404.
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(IntakeDbContext db, SubjectQuery query, CancellationToken cancellationToken)
    {
        var personId = query.PersonId;
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null) return null;
        // The records merged into this one, and into those (merges chain): the same resident under older ids.
        var persons = new List<Person> { person };
        var frontier = new List<Guid> { personId };
        while (frontier.Count > 0)
        {
            var merged = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId != null && frontier.Contains(p.MergedIntoId.Value))
                .ToListAsync(cancellationToken);
            merged.RemoveAll(m => persons.Any(p => p.Id == m.Id));
            persons.AddRange(merged);
            frontier = merged.Select(m => m.Id).ToList();
        }
        var ids = persons.Select(p => p.Id).ToList();

        var flags = await db.DuplicateFlags.AsNoTracking().Where(f => ids.Contains(f.PersonId) || ids.Contains(f.CandidateId))
            .OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var households = await db.Households.AsNoTracking().Include(h => h.Members)
            .Where(h => h.Members.Any(m => ids.Contains(m.PersonId))).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        var consents = await db.Consents.AsNoTracking().Where(c => ids.Contains(c.PersonId)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var consultations = await db.Consultations.AsNoTracking().Include(c => c.FollowUps).Include(c => c.StatusHistory).AsSplitQuery()
            .Where(c => c.PersonId != null && ids.Contains(c.PersonId.Value)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var consultationIds = consultations.Select(c => c.Id).ToList();
        var referrals = await db.Referrals.AsNoTracking().Where(r => consultationIds.Contains(r.ConsultationId))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var notices = await db.AgeThresholdNotices.AsNoTracking().Where(n => ids.Contains(n.PersonId))
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        var residencyChanges = await db.ResidencyChanges.AsNoTracking().Where(c => ids.Contains(c.PersonId))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);

        // The 外字 their names hold, with what each stands for: without the register a private-use character means nothing.
        var gaijiUsed = persons.SelectMany(p => GaijiEntry.PrivateUseIn(p.Name + p.NameKana)).Distinct().ToList();
        var gaiji = await db.Set<GaijiEntry>().AsNoTracking().Where(g => gaijiUsed.Contains(g.CodePoint)).OrderBy(g => g.CodePoint)
            .ToListAsync(cancellationToken);

        var records = new Dictionary<string, IReadOnlyList<object>>
        {
            ["persons"] = persons.Select(p => PersonResponse.From(p, flags.Where(f => f.PersonId == p.Id || f.CandidateId == p.Id))).ToList(),
            ["households"] = households.Select(HouseholdResponse.From).ToList(),
            ["consents"] = consents.Select(ConsentResponse.From).ToList(),
            ["consultations"] = consultations.Select(ConsultationResponse.From).ToList(),
            ["referrals"] = referrals.Select(ReferralResponse.From).ToList(),
            ["duplicateFlags"] = flags.Select(f => new DuplicateFlagResponse(f.Id, f.PersonId, f.CandidateId, f.Reason, f.Status, f.FlaggedAt)).ToList(),
            ["ageThresholdNotices"] = notices.Select(n => new { n.Id, n.PersonId, n.Threshold, n.ReachesOn, n.SentAt }).ToList(),
            ["gaiji"] = gaiji.Select(GaijiResponse.From).ToList(),
            ["residencyChanges"] = residencyChanges.Select(c => new { c.Id, c.PersonId, c.AtenaNumber, c.ChangeCode, c.EffectiveOn, c.ImportedAt }).ToList(),
        };
        // A consultation Outreach handed on names its target; the target itself may carry no person id (a 気になる人 report).
        var targets = consultations.Where(c => c.Source == OutreachHandedOffConsumer.Source && c.SourceId != null)
            .Select(c => c.SourceId!.Value).Distinct().ToList();
        return new SubjectAccessPart(records, new Dictionary<string, IReadOnlyList<Guid>> { ["outreach"] = targets },
            ids.Where(id => id != personId).ToList());
    }
}
