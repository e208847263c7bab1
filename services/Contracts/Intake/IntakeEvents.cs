namespace Jusou.Contracts.Intake;

// Events Intake publishes besides ConsultationReferred. Ids, codes and times only: names, addresses and the
// consultation's summary never leave Intake.

/// <summary>A consultation was referred to アウトリーチ等を通じた継続的支援; Outreach opens a target.</summary>
/// <param name="SharingRule">"consent" or "support_meeting" (法106条の6).</param>
public sealed record ConsultationReferredToOutreach(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid? PersonId, string? DistrictCode, string? MainConcern, string SharingRule) : IIntegrationEvent;

/// <summary>A consultation was referred to 参加支援 (with consent); Participation opens a request.</summary>
public sealed record ConsultationReferredToParticipation(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid? PersonId, string? DistrictCode, string? MainConcern, string SharingRule) : IIntegrationEvent;

/// <summary>A consultation was referred to 権利擁護 (with consent); RightsAdvocacy opens a matter.</summary>
public sealed record ConsultationReferredToRightsAdvocacy(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid? PersonId, string? MainConcern, string SharingRule) : IIntegrationEvent;

/// <summary>他機関へつなぎ: a closed-loop referral was sent to a named organisation (its directory code), which must answer.</summary>
public sealed record ConsultationReferredToAgency(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ReferralId, Guid ConsultationId, Guid? PersonId, string OrganisationCode, string SharingRule) : IIntegrationEvent;

/// <summary>
/// The receiving organisation answered a referral: accepted, rejected, or done (completed). Kept for the subscribers of
/// the first vocabulary; <see cref="AgencyReferralStatusChanged"/> reports every move.
/// </summary>
public sealed record AgencyReferralAnswered(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ReferralId, Guid ConsultationId, string OrganisationCode, string Status) : IIntegrationEvent;

/// <summary>
/// A referral to an agency moved in its closed loop (the FHIR SDOH referral's states): every move, by the receiver or
/// the sender.
/// </summary>
/// <param name="FromStatus">requested, accepted, in_progress, on_hold.</param>
/// <param name="Status">accepted, rejected, cancelled, in_progress, on_hold, completed, failed.</param>
/// <param name="PartyCode">receiver (the organisation referred to) or sender (the city's intake staff).</param>
/// <param name="OutputCode">What was delivered, when completed (Intake's referralOutputs code).</param>
public sealed record AgencyReferralStatusChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ReferralId, Guid ConsultationId, string OrganisationCode, string FromStatus, string Status, string PartyCode, string? OutputCode)
    : IIntegrationEvent;

/// <summary>A consultation ended at intake (助言・情報提供で終了).</summary>
public sealed record ConsultationClosed(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid? PersonId, string Disposition) : IIntegrationEvent;

/// <summary>A follow-up (継続相談) was recorded on a consultation; shown on the case timeline.</summary>
public sealed record ConsultationFollowedUp(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid FollowUpId, Guid? PersonId, string Channel) : IIntegrationEvent;

/// <summary>After review, one person record was merged into another; the merged id now means the survivor.</summary>
public sealed record PersonsMerged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid MergedPersonId, Guid SurvivorPersonId) : IIntegrationEvent;

/// <summary>
/// An anonymous consultation (断らない相談) was linked to a person at Intake: whatever other services opened from it
/// (a support case, a participation request, an outreach target, a matter) is that person's from now on.
/// </summary>
/// <param name="OutreachTargetId">The outreach target the consultation was handed on from (OutreachHandedOff), when it was:
/// the target is the same person.</param>
public sealed record ConsultationLinkedToPerson(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsultationId, Guid PersonId, Guid? OutreachTargetId = null) : IIntegrationEvent;

/// <summary>
/// A person gave a consent to share (本人同意). Ids and codes only — which organisations (their codes, or "*" for every
/// organisation of the programme) and which purposes — so MultiAgency can check the consented track against it; the
/// wording, the method and who took it stay in Intake.
/// </summary>
/// <param name="OrganisationCodes">The organisations the consent names, or ["*"].</param>
/// <param name="PurposeCodes">information_sharing, referral, case_conference.</param>
public sealed record ConsentRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsentId, Guid PersonId, IReadOnlyList<string> OrganisationCodes, IReadOnlyList<string> PurposeCodes) : IIntegrationEvent;

/// <summary>
/// A person withdrew a consent to share (同意の撤回). Ids and a flag only: what the consent covered stays in Intake.
/// MultiAgency stops sharing each of the person's open cases that what is left of their consents no longer covers.
/// </summary>
/// <param name="StillConsented">True when another consent of the person is still in force.</param>
public sealed record ConsentWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConsentId, Guid PersonId, bool StillConsented) : IIntegrationEvent;

/// <summary>
/// The 住民基本台帳 says a person Intake knows has moved out of the municipality (転出) or died (死亡), as learnt from an
/// import of 住民異動. Other services flag the person's open records for a worker to decide what follows; nothing is
/// closed or deleted by the event. Ids and codes only: no name, no address.
/// </summary>
/// <param name="ChangeCode">moved_out (転出) or died (死亡).</param>
/// <param name="EffectiveOn">The day of the change as the register records it (異動日).</param>
public sealed record PersonResidencyChanged(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid PersonId, string ChangeCode, DateOnly EffectiveOn) : IIntegrationEvent;

/// <summary>
/// The municipality registered a 外字: a private-use character its systems use for a kanji Unicode lacks. Services
/// that record names accept it from now on. The description stays at Intake (GET /api/intake/gaiji).
/// </summary>
/// <param name="CodePoint">The private-use code point (e.g. 57345 for U+E001).</param>
/// <param name="MjCode">Its 文字情報基盤 (MJ) number, when it has one.</param>
public sealed record GaijiRegistered(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode, int CodePoint, string? MjCode = null) : IIntegrationEvent;
