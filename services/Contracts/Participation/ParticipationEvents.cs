using Jusou.Contracts.MultiAgency;

namespace Jusou.Contracts.Participation;

// Events Participation (参加支援) publishes, shown on MultiAgency's case timeline.

/// <summary>A participation request was opened (from a plan action, a referral or by a coordinator).</summary>
public sealed record ParticipationRequestOpened(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid RequestId, Guid? SupportCaseId, Guid? PlanActionId) : ISupportCaseActivity;

/// <summary>A placement moved stage (見学 → 体験 → 参加中 → 終了) at an opportunity.</summary>
/// <param name="Stage">visit, trial, participating, ended.</param>
/// <param name="EndReason">settled (定着), to_employment (就労へ移行), own_wish (本人希望), unsuited (不適合), other.</param>
public sealed record PlacementStageChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid PlacementId, Guid RequestId, Guid? SupportCaseId, Guid OpportunityId, string? FromStage, string Stage, string? EndReason) : ISupportCaseActivity;

/// <summary>A 定着支援 check-in was held (or found overdue).</summary>
public sealed record PlacementCheckedIn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid PlacementId, Guid? SupportCaseId, DateOnly HeldOn, DateOnly? NextDueOn) : ISupportCaseActivity;

/// <summary>
/// The meeting decision a request was opened for was withdrawn: the request was cancelled (removed, nothing had been
/// done on it), or kept because a placement or session had started (<paramref name="Kept"/>).
/// </summary>
public sealed record ParticipationRequestWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid RequestId, Guid? SupportCaseId, Guid DecisionId, bool Kept) : ISupportCaseActivity;
