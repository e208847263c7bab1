using Jusou.Intake.Codes;
using Jusou.Contracts.Intake;

namespace Jusou.Intake.Persons;

public sealed record MergeRequest(Guid SurvivorId);

/// <summary>
/// A reviewed merge of two records of the same resident. The merged record is kept (status merged, pointing at the
/// survivor) so its history stays readable; its consultations, household memberships and consents move to the
/// survivor; flags between the two close; other services learn of it through PersonsMerged.
/// </summary>
public static class PersonMerge
{
    public static async Task<Results<Ok<PersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Merge(
        Guid id, MergeRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.SurvivorId == id)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["survivorId"] = ["A person cannot be merged into itself."] });
        }
        var persons = await db.Persons.Where(p => p.Id == id || p.Id == request.SurvivorId).ToListAsync(cancellationToken);
        var merged = persons.SingleOrDefault(p => p.Id == id);
        var survivor = persons.SingleOrDefault(p => p.Id == request.SurvivorId);
        if (merged is null || survivor is null) return TypedResults.NotFound();
        if (merged.Status != IntakeCodes.PersonStatus.Active || survivor.Status != IntakeCodes.PersonStatus.Active) return Problems.Conflict("Both records must be active to merge.");

        // Bulk moves and the merge itself commit together, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reviewer = http.User.SubjectId();
        merged.Status = IntakeCodes.PersonStatus.Merged;
        merged.MergedIntoId = survivor.Id;

        // Records merged into this one before now live on in the survivor too: every merged record points at the
        // last survivor, so one hop always finds the person (a 住民異動 for an old record's 宛名番号, say).
        await db.Persons.Where(p => p.MergedIntoId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.MergedIntoId, survivor.Id), cancellationToken);
        await db.Consultations.Where(c => c.PersonId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PersonId, survivor.Id), cancellationToken);
        await db.Consents.Where(c => c.PersonId == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PersonId, survivor.Id), cancellationToken);
        var memberships = await db.Households.Include(h => h.Members).Where(h => h.Members.Any(m => m.PersonId == id)).ToListAsync(cancellationToken);
        foreach (var household in memberships)
        {
            var member = household.Members.Single(m => m.PersonId == id);
            household.Members.Remove(member);
            if (household.Members.All(m => m.PersonId != survivor.Id))
            {
                household.Members.Add(new Households.HouseholdMember { HouseholdId = household.Id, PersonId = survivor.Id, Relationship = member.Relationship });
            }
        }
        var flags = await db.DuplicateFlags.Where(f => f.Status == IntakeCodes.DuplicateFlagStatus.Open
            && ((f.PersonId == id && f.CandidateId == survivor.Id) || (f.PersonId == survivor.Id && f.CandidateId == id))).ToListAsync(cancellationToken);
        foreach (var flag in flags)
        {
            flag.Status = IntakeCodes.DuplicateFlagStatus.Merged;
            flag.ReviewedBy = reviewer;
            flag.ReviewedAt = now;
        }

        db.AuditEntries.Add(AuditEntry.For(http, "merge", "person", id));
        db.AuditEntries.Add(AuditEntry.For(http, "merge", "person", survivor.Id));
        db.Publish(new PersonsMerged(Guid.CreateVersion7(), now, db.Tenant.Required, id, survivor.Id));
        await db.SaveChangesAsync(cancellationToken);
        // The survivor may be watched now (the merged record's consultation went to 多機関協働): look at their ages at once.
        await AgeWatch.AgeThresholdCheck.EvaluateAsync(db, [survivor.Id], JapanDate.Today(clock), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(PersonResponse.From(merged));
    }
}
