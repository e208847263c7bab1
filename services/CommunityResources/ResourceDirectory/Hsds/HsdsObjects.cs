using System.Text.Json.Serialization;

namespace Jusou.CommunityResources.ResourceDirectory.Hsds;

// The Open Referral HSDS 3.0 objects the directory publishes, with the specification's field names. Only fields the
// directory records are here; a field without a value is left out of the JSON (HSDS types are not nullable: "omit a
// property rather than include an empty value or null"), and so is an empty list.

/// <summary>What GET /api/community/hsds answers (HSDS API reference, the "/" endpoint).</summary>
public sealed class HsdsApiInfo
{
    /// <summary>The HSDS version of this API: 3.0.</summary>
    [JsonPropertyName("version")] public required string Version { get; init; }
    /// <summary>The OpenAPI document that describes this API.</summary>
    [JsonPropertyName("openapi_url")] public required string OpenApiUrl { get; init; }
}

/// <summary>
/// One page of an HSDS list (the API reference's Page, with contents). total_pages is at least 1; size is the number of
/// items on this page; empty says that there is nothing on it.
/// </summary>
public sealed class HsdsPage<T>
{
    [JsonPropertyName("total_items")] public required int TotalItems { get; init; }
    [JsonPropertyName("total_pages")] public required int TotalPages { get; init; }
    [JsonPropertyName("page_number")] public required int PageNumber { get; init; }
    [JsonPropertyName("size")] public required int Size { get; init; }
    [JsonPropertyName("first_page")] public required bool FirstPage { get; init; }
    [JsonPropertyName("last_page")] public required bool LastPage { get; init; }
    [JsonPropertyName("empty")] public required bool Empty { get; init; }
    [JsonPropertyName("contents")] public required IReadOnlyList<T> Contents { get; init; }
}

/// <summary>An HSDS organization's own fields (organization_list.json).</summary>
public class HsdsOrganizationSummary
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>Required by HSDS: the recorded description, else the organisation's kind in words.</summary>
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Email { get; init; }
    [JsonPropertyName("website"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Website { get; init; }
    [JsonPropertyName("parent_organization_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Guid? ParentOrganizationId { get; init; }
}

/// <summary>An HSDS organization with its phones, identifiers (法人番号) and kind (an attribute).</summary>
public class HsdsOrganizationDetails : HsdsOrganizationSummary
{
    [JsonPropertyName("phones"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsPhone>? Phones { get; init; }
    [JsonPropertyName("organization_identifiers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsOrganizationIdentifier>? OrganizationIdentifiers { get; init; }
    [JsonPropertyName("attributes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsAttribute>? Attributes { get; init; }
}

/// <summary>A fully nested HSDS organization (compiled/organization.json): its places and its services' own fields.</summary>
public sealed class HsdsOrganization : HsdsOrganizationDetails
{
    [JsonPropertyName("locations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsLocation>? Locations { get; init; }
    [JsonPropertyName("services"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsServiceFields>? Services { get; init; }
}

/// <summary>An HSDS service's own fields.</summary>
public class HsdsServiceFields
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("organization_id")] public required Guid OrganizationId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    /// <summary>active, or inactive for a withdrawn programme (終了・休止).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("eligibility_description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? EligibilityDescription { get; init; }
    [JsonPropertyName("minimum_age"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MinimumAge { get; init; }
    [JsonPropertyName("maximum_age"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? MaximumAge { get; init; }
    /// <summary>The fees as recorded; 有料 when the programme is recorded as paid without a description; absent otherwise.</summary>
    [JsonPropertyName("fees_description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? FeesDescription { get; init; }
    [JsonPropertyName("last_modified")] public required DateTimeOffset LastModified { get; init; }
}

/// <summary>A service as the paged list gives it (compiled/service_list.json): its own fields and its organization's.</summary>
public sealed class HsdsServiceSummary : HsdsServiceFields
{
    [JsonPropertyName("organization")] public required HsdsOrganizationSummary Organization { get; init; }
}

/// <summary>A fully nested HSDS service (compiled/service.json), as /hsds/services/{id} and the export give it.</summary>
public sealed class HsdsService : HsdsServiceFields
{
    [JsonPropertyName("organization")] public required HsdsOrganizationDetails Organization { get; init; }
    [JsonPropertyName("contacts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsContact>? Contacts { get; init; }
    [JsonPropertyName("schedules"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsSchedule>? Schedules { get; init; }
    [JsonPropertyName("service_areas"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsServiceArea>? ServiceAreas { get; init; }
    [JsonPropertyName("service_at_locations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsServiceAtLocation>? ServiceAtLocations { get; init; }
    [JsonPropertyName("attributes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsAttribute>? Attributes { get; init; }
}

public sealed class HsdsPhone
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("organization_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Guid? OrganizationId { get; init; }
    [JsonPropertyName("number")] public required string Number { get; init; }
}

/// <summary>An organisation's code: its 法人番号 (org-id.guide scheme JP-JCN), or the municipality's own code.</summary>
public sealed class HsdsOrganizationIdentifier
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("organization_id")] public required Guid OrganizationId { get; init; }
    [JsonPropertyName("identifier_scheme"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IdentifierScheme { get; init; }
    [JsonPropertyName("identifier_type")] public required string IdentifierType { get; init; }
    [JsonPropertyName("identifier")] public required string Identifier { get; init; }
}

/// <summary>A service's 所管課 (the division in charge), the one contact the directory records for it.</summary>
public sealed class HsdsContact
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("service_id")] public required Guid ServiceId { get; init; }
    [JsonPropertyName("department")] public required string Department { get; init; }
}

/// <summary>An RFC 5545 rule (WEEKLY or MONTHLY) with hours in Japan time.</summary>
public sealed class HsdsSchedule
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("service_id")] public required Guid ServiceId { get; init; }
    [JsonPropertyName("freq")] public required string Freq { get; init; }
    [JsonPropertyName("byday"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ByDay { get; init; }
    /// <summary>HH:MM with the offset, e.g. 10:00+09:00.</summary>
    [JsonPropertyName("opens_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? OpensAt { get; init; }
    [JsonPropertyName("closes_at"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClosesAt { get; init; }
    /// <summary>The UTC offset in hours: 9.</summary>
    [JsonPropertyName("timezone")] public required int Timezone { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
}

/// <summary>The area (圏域) a service covers.</summary>
public sealed class HsdsServiceArea
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("service_id")] public required Guid ServiceId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    /// <summary>urn:jusou:{municipality}:area:{area code}.</summary>
    [JsonPropertyName("uri")] public required string Uri { get; init; }
}

public sealed class HsdsServiceAtLocation
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("service_id")] public required Guid ServiceId { get; init; }
    [JsonPropertyName("location_id")] public required Guid LocationId { get; init; }
    [JsonPropertyName("location")] public required HsdsLocation Location { get; init; }
}

/// <summary>A physical place.</summary>
public sealed class HsdsLocation
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    /// <summary>physical: every place of the directory is one.</summary>
    [JsonPropertyName("location_type")] public required string LocationType { get; init; }
    [JsonPropertyName("organization_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public Guid? OrganizationId { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    /// <summary>
    /// The recorded description; an address that lacks what an HSDS address requires (〒 postal code, prefecture,
    /// city and the rest) is kept here, after 所在地:, rather than made into an incomplete address.
    /// </summary>
    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Description { get; init; }
    [JsonPropertyName("latitude"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Latitude { get; init; }
    [JsonPropertyName("longitude"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? Longitude { get; init; }
    [JsonPropertyName("addresses"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<HsdsAddress>? Addresses { get; init; }
}

/// <summary>A Japanese address read from the recorded one: 〒 postal code, 都道府県, 市区町村 and the rest.</summary>
public sealed class HsdsAddress
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("location_id")] public required Guid LocationId { get; init; }
    [JsonPropertyName("address_1")] public required string Address1 { get; init; }
    [JsonPropertyName("city")] public required string City { get; init; }
    [JsonPropertyName("state_province")] public required string StateProvince { get; init; }
    [JsonPropertyName("postal_code")] public required string PostalCode { get; init; }
    /// <summary>JP.</summary>
    [JsonPropertyName("country")] public required string Country { get; init; }
    /// <summary>physical.</summary>
    [JsonPropertyName("address_type")] public required string AddressType { get; init; }
}

/// <summary>Links a service or organization to a term of one of our code tables.</summary>
public sealed class HsdsAttribute
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("link_id")] public required Guid LinkId { get; init; }
    [JsonPropertyName("link_type")] public required string LinkType { get; init; }
    /// <summary>service or organization.</summary>
    [JsonPropertyName("link_entity")] public required string LinkEntity { get; init; }
    [JsonPropertyName("taxonomy_term_id")] public required Guid TaxonomyTermId { get; init; }
    /// <summary>The clause of 社会福祉法第106条の4第2項, on a service's statutory project, when recorded.</summary>
    [JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Value { get; init; }
    [JsonPropertyName("taxonomy_term")] public required HsdsTaxonomyTerm TaxonomyTerm { get; init; }
}

/// <summary>A code of one of our code tables, with its Japanese label.</summary>
public sealed class HsdsTaxonomyTerm
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("code")] public required string Code { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("taxonomy_id")] public required Guid TaxonomyId { get; init; }
    /// <summary>ja.</summary>
    [JsonPropertyName("language")] public required string Language { get; init; }
    [JsonPropertyName("taxonomy_detail")] public required HsdsTaxonomy TaxonomyDetail { get; init; }
}

/// <summary>One of our code tables as an HSDS taxonomy.</summary>
public sealed class HsdsTaxonomy
{
    [JsonPropertyName("id")] public required Guid Id { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("description")] public required string Description { get; init; }
    /// <summary>urn:jusou:taxonomy:{table}.</summary>
    [JsonPropertyName("uri")] public required string Uri { get; init; }
}
