namespace Jusou.Contracts.MultiAgency;

// Events MultiAgency (多機関協働) publishes besides SupportCaseOpened. Ids, codes, dates and counts only.

/// <summary>
/// An event another service publishes about work it does for a support case; MultiAgency shows it on the case timeline.
/// </summary>
public interface ISupportCaseActivity : IIntegrationEvent
{
    /// <summary>The MultiAgency support case the work belongs to, when it came from one (a plan action).</summary>
    Guid? SupportCaseId { get; }
}

/// <summary>
/// An anonymous case became a person's: the consultation it came from was linked to a person at Intake after the case
/// was opened. What other services opened for the case (a participation request, an outreach target, a matter from a
/// plan action or a meeting decision) is that person's from now on.
/// </summary>
public sealed record SupportCaseLinkedToPerson(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, Guid PersonId) : IIntegrationEvent;

/// <summary>A case moved between the 支援会議 track (no consent yet) and the consented track, or back.</summary>
public sealed record SupportCaseTrackChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, string FromTrack, string ToTrack) : IIntegrationEvent;

/// <summary>A case moved along its lifecycle (受付 → アセスメント → プラン作成 → 支援中 → モニタリング → 終結, 中断 and back, or reopened).</summary>
/// <param name="Status">received, assessment, planning, supporting, monitoring, suspended, closed.</param>
/// <param name="ClosureReason">Code of the 終結 reason when Status is closed.</param>
public sealed record SupportCaseStatusChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, string FromStatus, string Status, string? ClosureReason) : IIntegrationEvent;

/// <summary>
/// A closed case was reopened (再開): the services that recorded its closure take it back. Intake clears the closure on
/// the consultation the case came from (<paramref name="ConsultationId"/>, null for a case opened directly).
/// </summary>
public sealed record SupportCaseReopened(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, Guid? ConsultationId, string Status) : IIntegrationEvent;

/// <summary>A meeting approved a version of a case's support plan (支援プラン). One SupportPlanActionApproved follows per action.</summary>
public sealed record SupportPlanApproved(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, Guid PlanId, int PlanVersion, Guid? MeetingId, int ActionCount, DateOnly? ReviewOn) : IIntegrationEvent;

/// <summary>
/// One action of an approved plan, assigned to an organisation. Participation opens a request for kind
/// "participation", Outreach a target for "outreach", RightsAdvocacy a matter for "rights"; other kinds are for the
/// named organisation to take up.
/// </summary>
/// <param name="Kind">participation, outreach, rights, other.</param>
/// <param name="OrganisationCode">The organisation the action is assigned to (役割分担): its code in CommunityResources' directory.</param>
/// <param name="NeedCodes">Codes describing the need (相談内容 codes, participation kinds …); never free text.</param>
/// <param name="SharingRule">"consent" or "support_meeting": what allowed sharing this case with the receiver.</param>
public sealed record SupportPlanActionApproved(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, Guid PlanId, Guid ActionId, string Kind, string OrganisationCode, DateOnly? DueOn,
    Guid? PersonId, string? DistrictCode, IReadOnlyList<string> NeedCodes, string SharingRule) : IIntegrationEvent;

/// <summary>
/// A plan action handed to its organisation moved in its loop: an action of kind other was accepted, declined (with a
/// reason) or done (with what was delivered) by its organisation; any action was withdrawn because a new plan version
/// dropped it or the case closed; or an action was handed again (sent) after it had been withdrawn or reassigned.
/// </summary>
/// <param name="TaskId">The hand-off (GET /api/multiagency/tasks/{id}).</param>
/// <param name="ActionKind">participation, outreach, rights, other.</param>
/// <param name="FromStatus">sent, accepted, withdrawn; null when first sent.</param>
/// <param name="Status">sent, accepted, declined, done, withdrawn.</param>
/// <param name="ReasonCode">The decline reason (taskDeclineReasons) or the withdrawal reason (taskWithdrawalReasons).</param>
/// <param name="OutputCode">What was delivered (taskOutputs), when done.</param>
public sealed record PlanActionTaskChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TaskId, Guid CaseId, Guid PlanId, Guid ActionId, string ActionKind, string OrganisationCode, string? FromStatus, string Status,
    string? ReasonCode, string? OutputCode) : IIntegrationEvent;

/// <summary>
/// A case was closed (終結) after approval; every service working for it records it and may wind down: Intake on the
/// consultation the case came from, Outreach, Participation and RightsAdvocacy on what they opened for the case.
/// </summary>
/// <param name="ConsultationId">The Intake consultation the case was referred from, if any (so Intake need not know the case).</param>
public sealed record SupportCaseClosed(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid CaseId, string ClosureReason, Guid? MeetingId, Guid? ConsultationId = null) : IIntegrationEvent;

/// <summary>The 制度切れ watch raised an alert on a case (age threshold, end of a support, no contact, review overdue).</summary>
/// <param name="Rule">age_threshold, support_ending, no_contact, plan_review_overdue, coordinator_needed, closure_proposed,
/// consent_withdrawn, action_unanswered, referral_unanswered.</param>
/// <param name="DueOn">When the gap opens (the date the age is reached, the support ends, the review was due …).</param>
public sealed record WatchAlertRaised(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid AlertId, Guid CaseId, string Rule, DateOnly? DueOn) : IIntegrationEvent;

/// <summary>
/// The tenant's age rules of the 制度切れ watch changed. Intake, which alone holds birth dates, evaluates them for
/// persons with an open 多機関協働 referral and answers with AgeThresholdApproaching.
/// </summary>
/// <param name="Thresholds">Ages to watch (defaults 18, 40, 65).</param>
/// <param name="WindowDays">How many days before the birthday an alert is raised.</param>
public sealed record AgeWatchRulesChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    IReadOnlyList<int> Thresholds, int WindowDays) : IIntegrationEvent;
