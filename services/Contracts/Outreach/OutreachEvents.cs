using Jusou.Contracts.MultiAgency;

namespace Jusou.Contracts.Outreach;

// Events Outreach publishes besides OutreachHandedOff. Notes of contacts stay in Outreach.

/// <summary>Outreach opened a target (把握).</summary>
/// <param name="Source">concern_report, plan_action, intake_referral, direct.</param>
/// <param name="SourceId">The concern report, plan action or consultation it came from.</param>
/// <param name="RiskLevel">low, medium, high.</param>
public sealed record OutreachTargetOpened(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, string Source, Guid? SourceId, Guid? SupportCaseId, string? DistrictCode, string RiskLevel) : ISupportCaseActivity;

/// <summary>A contact attempt was recorded (visit, phone, letter …) with its outcome (met, absent, refused …).</summary>
public sealed record OutreachContactAttempted(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, Guid AttemptId, Guid? SupportCaseId, string Method, string Outcome, DateOnly? NextContactOn) : ISupportCaseActivity;

/// <summary>A target moved stage (把握 → 接触試行 → 関係づくり → つなぎ → 継続的見守り → 終結).</summary>
public sealed record OutreachTargetStageChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, Guid? SupportCaseId, string FromStage, string Stage, string? ClosureReason) : ISupportCaseActivity;

/// <summary>
/// The person agreed, and outreach reported the connection to the MultiAgency support case the target came from
/// (hand-off to 多機関協働); shown on the case timeline. The hand-off to Intake is <see cref="OutreachHandedOff"/>.
/// </summary>
public sealed record OutreachReportedToSupportCase(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, Guid HandOffId, Guid? SupportCaseId, bool ConsentRecorded) : ISupportCaseActivity;

/// <summary>
/// The meeting decision a target was opened for was withdrawn: the target was cancelled (removed, nothing had been
/// done on it), or kept because contact work had started (<paramref name="Kept"/>).
/// </summary>
public sealed record OutreachTargetWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, Guid? SupportCaseId, Guid DecisionId, bool Kept) : ISupportCaseActivity;
