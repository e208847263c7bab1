using Jusou.Intake.Codes;
using Jusou.Contracts.Intake;

namespace Jusou.Intake.AgeWatch;

/// <summary>
/// The age part of the 制度切れ watch, evaluated where the birth dates are. Only persons with a consultation referred to
/// 多機関協働 are watched; for each watched age reached within the tenant's window, AgeThresholdApproaching carries the
/// person id, the age and the day — never the birth date — once per (person, age, day).
/// </summary>
public static class AgeThresholdCheck
{
    /// <summary>
    /// Evaluates the tenant's rules for the watched persons (all of them, or only <paramref name="personIds"/>) and stores
    /// an AgeThresholdApproaching for each age newly found within the window. Must run inside the caller's transaction:
    /// the notice row and the event commit together, or neither does.
    /// </summary>
    public static async Task<int> EvaluateAsync(IntakeDbContext db, IReadOnlyCollection<Guid>? personIds, DateOnly today,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("The age watch runs inside a transaction.");
        var tenant = db.Tenant.Required;
        var rules = await db.AgeRules.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? AgeWatchRules.Defaults;

        // A person who moved out or died (住民異動) reaches no age here: their cases have the residency alert instead.
        var watched = db.Persons.AsNoTracking().Where(p => p.Status == IntakeCodes.PersonStatus.Active && p.ResidentStatus == IntakeCodes.ResidentStatus.Resident && p.BirthDate != null
            && db.Consultations.Any(c => c.PersonId == p.Id && c.Disposition == "multi_agency"));
        if (personIds is not null) watched = watched.Where(p => personIds.Contains(p.Id));
        var persons = await watched.Select(p => new { p.Id, BirthDate = p.BirthDate!.Value }).ToListAsync(cancellationToken);

        var published = 0;
        foreach (var person in persons)
        {
            foreach (var (threshold, reachesOn) in rules.Approaching(person.BirthDate, today))
            {
                // The unique key decides, also against a concurrent scan or a second instance: only the writer whose row
                // went in announces it.
                var inserted = await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO age_threshold_notices (id, tenant_code, person_id, threshold, reaches_on, sent_at)
                    VALUES ({Guid.CreateVersion7()}, {tenant}, {person.Id}, {threshold}, {reachesOn}, {now})
                    ON CONFLICT (tenant_code, person_id, threshold, reaches_on) DO NOTHING
                    """, cancellationToken);
                if (inserted == 0) continue;
                db.Publish(new AgeThresholdApproaching(Guid.CreateVersion7(), now, tenant, person.Id, threshold, reachesOn));
                published++;
            }
        }
        return published;
    }
}
