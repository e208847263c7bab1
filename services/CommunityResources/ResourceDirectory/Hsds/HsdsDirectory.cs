using System.Security.Cryptography;
using System.Text;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;

namespace Jusou.CommunityResources.ResourceDirectory.Hsds;

/// <summary>
/// The directory's records as HSDS 3.0 objects. Each field says what HSDS means by it: an organisation's kind is an
/// attribute (taxonomy organisation_kind), not its legal_status; its 法人番号 an organization_identifier; its phone a
/// phone; a place's address an address; a programme's project, kinds, target groups and 実施方式 attributes; its
/// 所管課 a contact. What was not recorded is left out, never filled in.
/// </summary>
internal sealed class HsdsDirectory
{
    public const string Version = "3.0";

    /// <summary>Our code tables as HSDS taxonomies; link_type says what a term describes.</summary>
    public static readonly IReadOnlyList<CodeTaxonomy> Taxonomies =
    [
        new("statutory_project", "重層的支援体制整備事業の事業区分", "社会福祉法第106条の4第2項各号の事業", CommunityCodes.StatutoryProjects, "service_category", "service"),
        new("service_kind", "事業・拠点の種類", "居場所, 通いの場, 介護予防教室, 就労体験 …", CommunityCodes.ServiceKinds, "service_type", "service"),
        new("target_group", "対象者の分野", "高齢・障害・子ども・生活困窮, 属性を問わない", CommunityCodes.TargetGroups, "eligibility", "service"),
        new("delivery_method", "実施方式", "直営・委託・補助", CommunityCodes.DeliveryMethods, "delivery_method", "service"),
        new("organisation_kind", "支援機関の種類", "地域包括支援センター, 社会福祉協議会, 相談支援事業所, NPO法人 …", CommunityCodes.OrganisationKinds, "organization_type", "organization"),
    ];

    private readonly string tenant;
    private readonly IReadOnlyDictionary<Guid, Organisation> organisations;
    private readonly IReadOnlyDictionary<Guid, Location> locations;
    private readonly IReadOnlyDictionary<string, Area> areas;

    private HsdsDirectory(string tenant, IReadOnlyDictionary<Guid, Organisation> organisations, IReadOnlyDictionary<Guid, Location> locations,
        IReadOnlyDictionary<string, Area> areas)
    {
        this.tenant = tenant;
        this.organisations = organisations;
        this.locations = locations;
        this.areas = areas;
    }

    /// <summary>The organisations, places and areas the given services name (all of them when <paramref name="services"/> is null).</summary>
    public static async Task<HsdsDirectory> Load(CommunityResourcesDbContext db, IReadOnlyCollection<CommunityService>? services, CancellationToken cancellationToken)
    {
        var organisations = db.Organisations.AsNoTracking();
        var locations = db.Locations.AsNoTracking();
        if (services is not null)
        {
            var organisationIds = services.Select(s => s.OrganisationId).Distinct().ToList();
            var locationIds = services.SelectMany(s => s.Locations).Select(l => l.LocationId).Distinct().ToList();
            organisations = organisations.Where(o => organisationIds.Contains(o.Id));
            locations = locations.Where(l => locationIds.Contains(l.Id));
        }
        return new HsdsDirectory(db.Tenant.Required,
            await organisations.ToDictionaryAsync(o => o.Id, cancellationToken),
            await locations.ToDictionaryAsync(l => l.Id, cancellationToken),
            await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken));
    }

    /// <summary>A fully nested service (compiled/service.json).</summary>
    public HsdsService Service(CommunityService s)
    {
        var organisation = organisations[s.OrganisationId];
        return new HsdsService
        {
            Id = s.Id, OrganizationId = s.OrganisationId, Name = s.Name, Description = s.Description, Status = Status(s),
            EligibilityDescription = s.EligibilityDescription, MinimumAge = s.MinimumAge, MaximumAge = s.MaximumAge,
            FeesDescription = Fees(s), LastModified = s.UpdatedAt,
            Organization = OrganizationDetails(organisation),
            Contacts = s.Department is null ? null : [new HsdsContact { Id = StableId("contact", s.Id.ToString()), ServiceId = s.Id, Department = s.Department }],
            Schedules = NullIfEmpty(s.Schedules.OrderBy(x => x.Id).Select(x => new HsdsSchedule
            {
                Id = x.Id, ServiceId = s.Id, Freq = x.Freq, ByDay = x.ByDay,
                // HSDS wants the offset on times; programmes run on Japan time
                OpensAt = x.OpensAt is { } opens ? $"{opens:HH:mm}+09:00" : null,
                ClosesAt = x.ClosesAt is { } closes ? $"{closes:HH:mm}+09:00" : null,
                Timezone = 9, Description = x.Description,
            })),
            ServiceAreas = [ServiceArea(s)],
            ServiceAtLocations = NullIfEmpty(s.Locations.OrderBy(l => l.Id).Select(l => new HsdsServiceAtLocation
            {
                Id = l.Id, ServiceId = s.Id, LocationId = l.LocationId, Location = Location(locations[l.LocationId]),
            })),
            Attributes = ServiceAttributes(s),
        };
    }

    /// <summary>A service as a list gives it (compiled/service_list.json).</summary>
    public HsdsServiceSummary ServiceSummary(CommunityService s) => new()
    {
        Id = s.Id, OrganizationId = s.OrganisationId, Name = s.Name, Description = s.Description, Status = Status(s),
        EligibilityDescription = s.EligibilityDescription, MinimumAge = s.MinimumAge, MaximumAge = s.MaximumAge,
        FeesDescription = Fees(s), LastModified = s.UpdatedAt, Organization = OrganizationSummary(organisations[s.OrganisationId]),
    };

    /// <summary>A fully nested organization (compiled/organization.json): its places and its services' own fields.</summary>
    public static HsdsOrganization Organization(Organisation o, IEnumerable<Location> places, IEnumerable<CommunityService> services)
    {
        var details = OrganizationDetails(o);
        return new HsdsOrganization
        {
            Id = details.Id, Name = details.Name, Description = details.Description, Email = details.Email, Website = details.Website,
            ParentOrganizationId = details.ParentOrganizationId, Phones = details.Phones, OrganizationIdentifiers = details.OrganizationIdentifiers,
            Attributes = details.Attributes,
            Locations = NullIfEmpty(places.OrderBy(l => l.Id).Select(Location)),
            Services = NullIfEmpty(services.OrderBy(s => s.Id).Select(s => new HsdsServiceFields
            {
                Id = s.Id, OrganizationId = s.OrganisationId, Name = s.Name, Description = s.Description, Status = Status(s),
                EligibilityDescription = s.EligibilityDescription, MinimumAge = s.MinimumAge, MaximumAge = s.MaximumAge,
                FeesDescription = Fees(s), LastModified = s.UpdatedAt,
            })),
        };
    }

    public static HsdsOrganizationSummary OrganizationSummary(Organisation o) => new()
    {
        Id = o.Id, Name = o.Name, Description = Description(o), Email = o.Email, Website = o.Website, ParentOrganizationId = o.ParentOrganisationId,
    };

    private static HsdsOrganizationDetails OrganizationDetails(Organisation o) => new()
    {
        Id = o.Id, Name = o.Name, Description = Description(o), Email = o.Email, Website = o.Website, ParentOrganizationId = o.ParentOrganisationId,
        Phones = o.Phone is null ? null : [new HsdsPhone { Id = StableId("phone", o.Id.ToString()), OrganizationId = o.Id, Number = o.Phone }],
        OrganizationIdentifiers =
        [
            Jusou.ServiceDefaults.Auth.CorporateNumber.IsValid(o.Code)
                ? new HsdsOrganizationIdentifier
                {
                    Id = StableId("identifier", o.Id.ToString()), OrganizationId = o.Id, IdentifierScheme = "JP-JCN", IdentifierType = "法人番号", Identifier = o.Code,
                }
                : new HsdsOrganizationIdentifier
                {
                    Id = StableId("identifier", o.Id.ToString()), OrganizationId = o.Id, IdentifierType = "市町村の団体コード", Identifier = o.Code,
                },
        ],
        Attributes = NullIfEmpty(Attributes(o.Id, [("organisation_kind", o.Kind, null)])),
    };

    /// <summary>HSDS requires a description: the recorded one, else what kind of organisation it is (which is recorded).</summary>
    private static string Description(Organisation o) => o.Description ?? CommunityCodes.OrganisationKinds.GetValueOrDefault(o.Kind, o.Kind);

    private static HsdsLocation Location(Location l)
    {
        var address = JapaneseAddress.TryRead(l.Address);
        // an address HSDS cannot hold whole (no postal code, say) stays readable in the description, labelled
        var description = address is null && l.Address is not null
            ? $"所在地: {l.Address}{(l.Description is null ? "" : "\n" + l.Description)}"
            : l.Description;
        return new HsdsLocation
        {
            Id = l.Id, LocationType = "physical", OrganizationId = l.OrganisationId, Name = l.Name, Description = description,
            Latitude = l.Latitude, Longitude = l.Longitude,
            Addresses = address is null ? null :
            [
                new HsdsAddress
                {
                    Id = StableId("address", l.Id.ToString()), LocationId = l.Id, Address1 = address.Rest, City = address.City,
                    StateProvince = address.Prefecture, PostalCode = address.PostalCode, Country = "JP", AddressType = "physical",
                },
            ],
        };
    }

    private HsdsServiceArea ServiceArea(CommunityService s)
    {
        var area = areas.GetValueOrDefault(s.AreaCode);
        return new HsdsServiceArea
        {
            Id = StableId("service_area", s.Id.ToString()), ServiceId = s.Id, Name = area?.Name ?? s.AreaCode,
            Description = area is null ? null : CommunityCodes.AreaLevels.GetValueOrDefault(area.Level),
            Uri = $"urn:jusou:{tenant}:area:{s.AreaCode}",
        };
    }

    private static IReadOnlyList<HsdsAttribute>? ServiceAttributes(CommunityService s) => NullIfEmpty(Attributes(s.Id,
        [
            ("statutory_project", s.StatutoryProject, s.StatutoryClause),
            .. s.Kinds.Select(k => ("service_kind", k, (string?)null)),
            .. s.TargetGroups.Select(g => ("target_group", g, (string?)null)),
            ("delivery_method", s.DeliveryMethod, null),
        ]));

    private static IEnumerable<HsdsAttribute> Attributes(Guid linkId, IEnumerable<(string Taxonomy, string Code, string? Value)> links) =>
        from link in links
        let taxonomy = Taxonomies.Single(t => t.Key == link.Taxonomy)
        where taxonomy.Terms.ContainsKey(link.Code)
        select new HsdsAttribute
        {
            Id = StableId("attribute", linkId.ToString(), link.Taxonomy, link.Code), LinkId = linkId, LinkType = taxonomy.LinkType,
            LinkEntity = taxonomy.LinkEntity, TaxonomyTermId = taxonomy.TermId(link.Code), Value = link.Value, TaxonomyTerm = taxonomy.Term(link.Code),
        };

    /// <summary>A withdrawn programme (終了・休止) is inactive; HSDS has no status for "withdrawn".</summary>
    private static string Status(CommunityService s) => s.Status == CommunityCodes.ServiceStatus.Active ? "active" : "inactive";

    /// <summary>What was recorded about fees: the description, else 有料 when the programme is recorded as paid; else nothing.</summary>
    private static string? Fees(CommunityService s) => s.FeesDescription ?? (s.Paid ? "有料" : null);

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;

    /// <summary>The same id on every export for things that have no row of their own (terms, attributes, addresses).</summary>
    internal static Guid StableId(params string[] parts)
    {
#pragma warning disable CA5351 // a stable id derived from public names, not a security measure
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
#pragma warning restore CA5351
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // name-based UUID (version 3)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }

    internal sealed record CodeTaxonomy(string Key, string Name, string Description, IReadOnlyDictionary<string, string> Terms, string LinkType, string LinkEntity)
    {
        public Guid Id => StableId("taxonomy", Key);

        public Guid TermId(string code) => StableId("term", Key, code);

        public HsdsTaxonomyTerm Term(string code) => new()
        {
            Id = TermId(code), Code = code, Name = Terms[code], Description = $"{Name}: {Terms[code]}", TaxonomyId = Id, Language = "ja",
            TaxonomyDetail = new HsdsTaxonomy { Id = Id, Name = Name, Description = Description, Uri = $"urn:jusou:taxonomy:{Key}" },
        };
    }
}
