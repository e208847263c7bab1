namespace Jusou.Contracts.MultiAgency;

/// <summary>MultiAgency opened a support case (受付), from a referral or directly.</summary>
/// <param name="Track">"support_meeting" (支援会議, no consent yet) or "consented" (本人同意あり).</param>
public sealed record SupportCaseOpened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    Guid CaseId,
    Guid? ConsultationId,
    string Track) : IIntegrationEvent;
