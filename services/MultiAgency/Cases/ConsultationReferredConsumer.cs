using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;

namespace Jusou.MultiAgency.Cases;

/// <summary>A consultation referred to 多機関協働 becomes a support case at 受付.</summary>
public sealed class ConsultationReferredConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : InboxConsumer<ConsultationReferred, MultiAgencyDbContext>(db)
{
    /// <summary>
    /// Another event about the same consultation (a re-referral) must not open a second case: the unique index on
    /// (tenant, consultation) refuses it, and the base records the message as handled with no effect. No read first:
    /// it would cost every referral a statement and could not stop a concurrent one anyway.
    /// </summary>
    protected override string? EffectUniqueIndex => "ix_support_cases_tenant_code_consultation_id";

    protected override Task HandleAsync(ConsultationReferred referral, CancellationToken cancellationToken)
    {
        var supportCase = SupportCase.Open(referral.ConsultationId, referral.PersonId, SupportCaseCodes.TrackFor(referral.SharingRule),
            openedBy: null, by: "intake", clock.GetUtcNow());
        supportCase.MainConcern = referral.MainConcern;
        supportCase.ReferralRoute = referral.ReferralRoute;
        supportCase.HouseholdType = referral.HouseholdType;
        supportCase.DistrictCode = referral.DistrictCode;
        Db.SupportCases.Add(supportCase);
        Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, supportCase.OpenedAt, "intake", "referred", referral.ConsultationId));
        Db.Publish(supportCase.Opened(referral.TenantCode));
        return Task.CompletedTask;
    }
}
