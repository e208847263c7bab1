using Jusou.Contracts.CommunityResources;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;

namespace Jusou.Outreach.Targets;

// Targets opened by other services' events. Each consumer is idempotent twice over: the inbox drops a redelivered
// message, and one target per (source, source id) — checked here and guaranteed by a unique index — drops a second
// event about the same report, action or consultation.

/// <summary>A 気になる人 report from CommunityResources: 把握 of someone nobody has reached yet.</summary>
public sealed class ConcernReportedConsumer(OutreachDbContext db, TimeProvider clock) : InboxConsumer<ConcernReported, OutreachDbContext>(db)
{
    protected override Task HandleAsync(ConcernReported report, CancellationToken cancellationToken) =>
        TargetSources.OpenOnceAsync(Db, new Target
        {
            Source = "concern_report",
            SourceId = report.ConcernReportId,
            RaisedBy = report.ReporterKind,
            ConcernCodes = report.ConcernCodes.Distinct().ToList(),
            DistrictCode = report.DistrictCode,
            RiskLevel = report.RiskLevel,
            IdentifiedOn = JapanDate.Of(report.OccurredAt),
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = "event:concern_report",
        }, cancellationToken);
}

/// <summary>An approved support plan action of kind "outreach": the meeting asked outreach to reach the person.</summary>
public sealed class SupportPlanActionApprovedConsumer(OutreachDbContext db, TimeProvider clock) : InboxConsumer<SupportPlanActionApproved, OutreachDbContext>(db)
{
    protected override Task HandleAsync(SupportPlanActionApproved action, CancellationToken cancellationToken)
    {
        if (action.Kind != "outreach") return Task.CompletedTask; // participation, rights … are other services' work
        return TargetSources.OpenOnceAsync(Db, new Target
        {
            Source = "plan_action",
            SourceId = action.ActionId,
            SupportCaseId = action.CaseId,
            PersonId = action.PersonId,
            RaisedBy = "support_meeting",
            ConcernCodes = action.NeedCodes.Distinct().ToList(),
            DistrictCode = action.DistrictCode,
            RiskLevel = "medium",
            IdentifiedOn = JapanDate.Of(action.OccurredAt),
            // The plan's due date is the first contact the meeting expects.
            NextContactOn = action.DueOn,
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = "event:plan_action",
        }, cancellationToken);
    }
}

/// <summary>A consultation Intake referred to アウトリーチ (often from the 支援会議, before consent).</summary>
public sealed class ConsultationReferredToOutreachConsumer(OutreachDbContext db, TimeProvider clock)
    : InboxConsumer<ConsultationReferredToOutreach, OutreachDbContext>(db)
{
    protected override Task HandleAsync(ConsultationReferredToOutreach referral, CancellationToken cancellationToken) =>
        TargetSources.OpenOnceAsync(Db, new Target
        {
            Source = "intake_referral",
            SourceId = referral.ConsultationId,
            PersonId = referral.PersonId,
            RaisedBy = "intake",
            ConcernCodes = referral.MainConcern is null ? [] : [referral.MainConcern],
            DistrictCode = referral.DistrictCode,
            RiskLevel = "medium",
            IdentifiedOn = JapanDate.Of(referral.OccurredAt),
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = "event:intake_referral",
        }, cancellationToken);
}

internal static class TargetSources
{
    public static async Task OpenOnceAsync(OutreachDbContext db, Target target, CancellationToken cancellationToken)
    {
        if (await db.Targets.AnyAsync(t => t.Source == target.Source && t.SourceId == target.SourceId, cancellationToken)) return;
        target.TenantCode = db.Tenant.Required;
        db.Targets.Add(target);
        db.Publish(target.Opened());
    }
}
