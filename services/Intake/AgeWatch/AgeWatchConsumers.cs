using Jusou.Contracts.MultiAgency;

namespace Jusou.Intake.AgeWatch;

/// <summary>
/// MultiAgency changed the tenant's age rules: keep them, and evaluate every watched person at once, so a wider window
/// or a new age takes effect now rather than at the next scan.
/// </summary>
public sealed class AgeWatchRulesChangedConsumer(IntakeDbContext db, TimeProvider clock)
    : InboxConsumer<AgeWatchRulesChanged, IntakeDbContext>(db)
{
    protected override async Task HandleAsync(AgeWatchRulesChanged change, CancellationToken cancellationToken)
    {
        var rules = await Db.AgeRules.FirstOrDefaultAsync(cancellationToken);
        if (rules is not null && rules.ChangedAt > change.OccurredAt) return; // a later change is already in force
        if (rules is null) Db.AgeRules.Add(rules = new AgeWatchRules { TenantCode = change.TenantCode });
        rules.Thresholds = change.Thresholds.Distinct().Order().ToList();
        rules.WindowDays = change.WindowDays;
        rules.ChangedAt = change.OccurredAt;
        rules.ReceivedAt = clock.GetUtcNow();
        await Db.SaveChangesAsync(cancellationToken); // the evaluation below reads the new rules

        await AgeThresholdCheck.EvaluateAsync(Db, personIds: null, JapanDate.Today(clock), clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>
/// MultiAgency opened a support case for a referred consultation: the moment to look at that person's ages. Waiting
/// for the case (rather than acting on the referral itself) means the case exists when MultiAgency hears of an age.
/// </summary>
public sealed class SupportCaseOpenedConsumer(IntakeDbContext db, TimeProvider clock)
    : InboxConsumer<SupportCaseOpened, IntakeDbContext>(db)
{
    /// <summary>The referred person, read by <see cref="AppliesAsync"/> (MassTransit makes one consumer per message).</summary>
    private Guid _person;

    /// <summary>
    /// A case opened for an anonymous consultation has no ages to look at: it is acknowledged with one read and no
    /// transaction (the hourly scan picks the person up once the consultation is linked). Every referral passes here, so
    /// this keeps a transaction and an inbox row per anonymous referral off the pipeline's hot path.
    /// </summary>
    protected override async Task<bool> AppliesAsync(SupportCaseOpened opened, CancellationToken cancellationToken)
    {
        if (opened.ConsultationId is not { } consultationId) return false;
        var personId = await Db.Consultations.AsNoTracking()
            .Where(c => c.Id == consultationId && c.Disposition == "multi_agency")
            .Select(c => c.PersonId).FirstOrDefaultAsync(cancellationToken);
        if (personId is not { } person) return false;
        _person = person;
        return true;
    }

    protected override async Task HandleAsync(SupportCaseOpened opened, CancellationToken cancellationToken) =>
        await AgeThresholdCheck.EvaluateAsync(Db, [_person], JapanDate.Today(clock), clock.GetUtcNow(), cancellationToken);
}
