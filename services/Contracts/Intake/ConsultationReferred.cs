namespace Jusou.Contracts.Intake;

/// <summary>
/// A consultation (相談受付) was referred to 多機関協働; MultiAgency opens a support case for it.
/// </summary>
/// <param name="ConsultationId">The consultation in Intake.</param>
/// <param name="PersonId">The person in Intake, when known (a consultation may be anonymous).</param>
/// <param name="MainConcern">相談内容 code of the main concern, when recorded.</param>
/// <param name="SharingRule">Which rule allowed sharing: "consent" (本人同意) or "support_meeting" (支援会議, 法106条の6).</param>
/// <param name="ReferralRoute">相談経路 code of the consultation, for the case-conference report.</param>
/// <param name="HouseholdType">世帯類型 code of the person's household, when known, for the case-conference report.</param>
/// <param name="DistrictCode">地区 code where the consultation was received or the person lives.</param>
public sealed record ConsultationReferred(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string TenantCode,
    Guid ConsultationId,
    Guid? PersonId,
    string? MainConcern,
    string SharingRule,
    string? ReferralRoute = null,
    string? HouseholdType = null,
    string? DistrictCode = null) : IIntegrationEvent;
