namespace Jusou.Contracts.CommunityResources;

// Events CommunityResources (地域づくり) publishes. The directory's names and addresses are public information but
// still stay out of events: subscribers read them from the directory API by id.

/// <summary>
/// A resident, 民生委員 or shop raised a concern about someone (気になる人). Outreach opens a target. The reporter's
/// words and the person's details stay in CommunityResources.
/// </summary>
/// <param name="ReporterKind">minsei_iin (民生委員・児童委員), neighbour, shop, community_staff, other.</param>
/// <param name="ConcernCodes">相談内容 codes the reporter ticked (e.g. social_isolation, 8050).</param>
/// <param name="RiskLevel">low, medium, high.</param>
public sealed record ConcernReported(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ConcernReportId, string? DistrictCode, string ReporterKind, IReadOnlyList<string> ConcernCodes, string RiskLevel) : IIntegrationEvent;

/// <summary>
/// A programme or place at a location (HSDS service_at_location) was published or changed. Participation keeps its
/// catalogue of opportunities from these when ParticipationCapable is true.
/// </summary>
/// <param name="ServiceId">The HSDS service (事業/プログラム).</param>
/// <param name="LocationId">The HSDS location, when the service runs at one place.</param>
/// <param name="OrganisationId">The organisation that runs it (協力事業所 for participation).</param>
/// <param name="OrganisationCode">That organisation's code (法人番号 or the municipality's own code): hosts are named by it.</param>
/// <param name="AreaCode">Area code (市全域 / 日常生活圏域 / 地区) it serves.</param>
/// <param name="TaxonomyCodes">Statutory project and kind codes (e.g. participation, ibasho, work_experience).</param>
/// <param name="Capacity">How many people it can take at once, when limited.</param>
/// <param name="Version">Increases with every change, so consumers can ignore an older message that arrives late.</param>
public sealed record CommunityServicePublished(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ServiceId, Guid? LocationId, Guid OrganisationId, string? AreaCode, IReadOnlyList<string> TaxonomyCodes,
    bool ParticipationCapable, int? Capacity, bool Paid, long Version, string OrganisationCode) : IIntegrationEvent;

/// <summary>A programme or place was withdrawn (終了/休止); Participation stops proposing it.</summary>
public sealed record CommunityServiceWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid ServiceId, long Version) : IIntegrationEvent;

/// <summary>
/// An organisation of the municipality's directory was registered or changed. The directory's organisations are the
/// organisations of the programme: every service names one by its code, and keeps the codes it knows from these.
/// </summary>
/// <param name="OrganisationCode">Its stable code: the 法人番号 (13 digits) where it has one, else the municipality's own code.</param>
/// <param name="KindCode">What kind of organisation it is (CommunityResources' organisationKinds code).</param>
/// <param name="ParentOrganisationCode">The code of the organisation it belongs to (the 基幹型 centre of a branch), if any.</param>
/// <param name="Version">Increases with every change, so consumers can ignore an older message that arrives late.</param>
public sealed record OrganisationRegistered(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid OrganisationId, string OrganisationCode, string KindCode, string? ParentOrganisationCode, long Version) : IIntegrationEvent;

/// <summary>
/// An area of the municipality (市全域, 日常生活圏域, 地区) was added or renamed. Unlike the directory's organisations,
/// an area's name travels in the event: it is a place name, nobody's data, and the services that print forms
/// (the インテークシート's 地区) need it without calling CommunityResources.
/// </summary>
/// <param name="AreaCode">The stable code every service names the area by (e.g. tono-tsukimoushi).</param>
/// <param name="Name">Its name as printed (e.g. 附馬牛地区).</param>
/// <param name="Level">city, living_area or district (CommunityResources' areaLevels).</param>
public sealed record AreaNamed(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    string AreaCode, [property: PublicText("an area's name is a place name")] string Name, string Level, string? ParentCode) : IIntegrationEvent;
