using Jusou.Contracts.MultiAgency;

namespace Jusou.Contracts.RightsAdvocacy;

// Events RightsAdvocacy (権利擁護) publishes, shown on MultiAgency's case timeline.

/// <summary>A guardianship matter (成年後見) was opened.</summary>
/// <param name="Type">guardianship (後見), curatorship (保佐), assistance (補助), voluntary (任意後見); undecided (未定) when the
/// matter opens before that is known (a plan action, a referral) — it is decided by the 申立.</param>
/// <param name="Petitioner">self (本人), relative (親族), mayor (市長申立); undecided (未定) until the 申立.</param>
/// <param name="PlanActionId">The support plan action (ActionId) the matter was opened for, when it was: MultiAgency counts the action answered.</param>
public sealed record GuardianshipMatterOpened(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid MatterId, Guid? SupportCaseId, string Type, string Petitioner, Guid? PlanActionId = null) : ISupportCaseActivity;

/// <summary>A matter moved stage (相談 → 申立準備 → 申立 → 審判 → 開始 → 定期報告 → 終了) on the given date.</summary>
/// <param name="Stage">consultation, preparing, petitioned, adjudicated, started, reporting, ended.</param>
public sealed record GuardianshipStageChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid MatterId, Guid? SupportCaseId, string FromStage, string Stage, DateOnly On) : ISupportCaseActivity;

/// <summary>A 日常生活自立支援事業 contract was signed, reviewed, ended or transferred to guardianship.</summary>
/// <param name="Status">active, ended, transferred.</param>
public sealed record DailyLifeSupportContractChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ContractId, Guid? SupportCaseId, string Status, DateOnly On) : ISupportCaseActivity;

/// <summary>
/// The meeting decision a matter was opened for was withdrawn: the matter was cancelled (removed, still at 相談 with
/// nothing recorded on it), or kept because work on it had started (<paramref name="Kept"/>).
/// </summary>
public sealed record GuardianshipMatterWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid MatterId, Guid? SupportCaseId, Guid DecisionId, bool Kept) : ISupportCaseActivity;
