using Jusou.Contracts.MultiAgency;

namespace Jusou.Intake.Consultations;

/// <summary>
/// The 多機関協働 case a consultation was referred to was closed (終結): the consultation records it, so intake staff
/// see that the loop of their referral is closed. The event names the consultation; a case opened directly has none.
/// </summary>
public sealed class SupportCaseClosedConsumer(IntakeDbContext db) : InboxConsumer<SupportCaseClosed, IntakeDbContext>(db)
{
    protected override async Task HandleAsync(SupportCaseClosed closed, CancellationToken cancellationToken)
    {
        if (closed.ConsultationId is not { } consultationId) return;
        var consultation = await Db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        consultation?.RecordSupportCaseClosed(closed.OccurredAt, closed.ClosureReason);
    }
}

/// <summary>The case a consultation was referred to was reopened: the consultation's loop is open again.</summary>
public sealed class SupportCaseReopenedConsumer(IntakeDbContext db) : InboxConsumer<SupportCaseReopened, IntakeDbContext>(db)
{
    protected override async Task HandleAsync(SupportCaseReopened reopened, CancellationToken cancellationToken)
    {
        if (reopened.ConsultationId is not { } consultationId) return;
        var consultation = await Db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        consultation?.RecordSupportCaseReopened(reopened.OccurredAt);
    }
}
