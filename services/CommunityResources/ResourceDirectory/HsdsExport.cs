using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.CommunityResources.Codes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// The directory as Open Referral HSDS 3.0 JSON: one array per HSDS table (organizations, services, locations,
/// service_at_locations, schedules, service_areas, taxonomies, taxonomy_terms, attributes), each item an object of
/// that table's schema. Our code tables become HSDS taxonomies; a service's project, kinds and target groups become
/// attributes linking it to their terms. Fields we do not know are left out (HSDS types do not allow null).
/// </summary>
public static class HsdsExport
{
    public const string HsdsVersion = "3.0";

    private static readonly (string Key, string Name, string Description, IReadOnlyDictionary<string, string> Terms, string LinkType)[] Taxonomies =
    [
        ("statutory_project", "重層的支援体制整備事業の事業区分", "社会福祉法第106条の4第2項各号の事業", CommunityCodes.StatutoryProjects, "service_category"),
        ("service_kind", "事業・拠点の種類", "居場所, 通いの場, 介護予防教室, 就労体験 …", CommunityCodes.ServiceKinds, "service_type"),
        ("target_group", "対象者の分野", "高齢・障害・子ども・生活困窮, 属性を問わない", CommunityCodes.TargetGroups, "eligibility"),
    ];

    public static void MapHsdsExport(this IEndpointRouteBuilder api) =>
        api.MapGet("/export/hsds", Export).WithTags("Directory: HSDS export")
            .WithName("ExportHsds").WithSummary("The whole directory of the caller's municipality as Open Referral HSDS 3.0 JSON.");

    private static async Task<Ok<JsonObject>> Export(CommunityResourcesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().Include(s => s.Locations).Include(s => s.Schedules).AsSplitQuery()
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, cancellationToken);

        var result = new JsonObject
        {
            ["hsds_version"] = HsdsVersion,
            ["generated_at"] = clock.GetUtcNow().ToString("O"),
            ["publisher"] = db.Tenant.Required,
        };
        result["organizations"] = Array(organisations.Select(o => Object(
            ("id", o.Id.ToString()),
            ("name", o.Name),
            // description is required by HSDS: say at least what kind of organisation it is
            ("description", o.Description ?? CommunityCodes.OrganisationKinds.GetValueOrDefault(o.Kind, o.Kind)),
            ("email", o.Email),
            ("website", o.Website),
            ("legal_status", CommunityCodes.OrganisationKinds.GetValueOrDefault(o.Kind)),
            ("parent_organization_id", o.ParentOrganisationId?.ToString()))));
        result["services"] = Array(services.Select(s => Object(
            ("id", s.Id.ToString()),
            ("organization_id", s.OrganisationId.ToString()),
            ("name", s.Name),
            ("description", s.Description),
            ("status", s.Status == "active" ? "active" : "inactive"),
            ("eligibility_description", s.EligibilityDescription),
            ("minimum_age", s.MinimumAge),
            ("maximum_age", s.MaximumAge),
            ("fees_description", s.FeesDescription ?? (s.Paid ? "有料" : "無料")))));
        result["locations"] = Array(locations.Select(l => Object(
            ("id", l.Id.ToString()),
            ("location_type", "physical"),
            ("organization_id", l.OrganisationId?.ToString()),
            ("name", l.Name),
            ("description", l.Address is null ? l.Description : $"{l.Address}{(l.Description is null ? "" : " / " + l.Description)}"),
            ("latitude", l.Latitude),
            ("longitude", l.Longitude))));
        result["service_at_locations"] = Array(services.SelectMany(s => s.Locations.OrderBy(l => l.Id)).Select(l => Object(
            ("id", l.Id.ToString()),
            ("service_id", l.ServiceId.ToString()),
            ("location_id", l.LocationId.ToString()))));
        result["schedules"] = Array(services.SelectMany(s => s.Schedules.OrderBy(x => x.Id)).Select(x => Object(
            ("id", x.Id.ToString()),
            ("service_id", x.ServiceId.ToString()),
            ("freq", x.Freq),
            ("byday", x.ByDay),
            // HSDS wants the zone on times; programmes run on Japan time
            ("opens_at", x.OpensAt?.ToString("HH:mm") + (x.OpensAt is null ? null : "+09:00")),
            ("closes_at", x.ClosesAt?.ToString("HH:mm") + (x.ClosesAt is null ? null : "+09:00")),
            ("timezone", 9),
            ("description", x.Description))));
        result["service_areas"] = Array(services.Select(s => Object(
            ("id", StableId("service_area", s.Id.ToString())),
            ("service_id", s.Id.ToString()),
            ("name", areas.TryGetValue(s.AreaCode, out var area) ? area.Name : s.AreaCode),
            ("description", area is null ? null : CommunityCodes.AreaLevels.GetValueOrDefault(area.Level)),
            ("uri", $"urn:jusou:{db.Tenant.Required}:area:{s.AreaCode}"))));
        result["taxonomies"] = Array(Taxonomies.Select(t => Object(
            ("id", StableId("taxonomy", t.Key)),
            ("name", t.Name),
            ("description", t.Description),
            ("uri", $"urn:jusou:taxonomy:{t.Key}"))));
        result["taxonomy_terms"] = Array(Taxonomies.SelectMany(t => t.Terms.Select(term => Object(
            ("id", StableId("term", t.Key, term.Key)),
            ("code", term.Key),
            ("name", term.Value),
            ("description", $"{t.Name}: {term.Value}"),
            ("taxonomy_id", StableId("taxonomy", t.Key)),
            ("language", "ja")))));
        result["attributes"] = Array(services.SelectMany(s =>
            new[] { (Taxonomy: "statutory_project", Code: s.StatutoryProject) }
                .Concat(s.Kinds.Select(k => (Taxonomy: "service_kind", Code: k)))
                .Concat(s.TargetGroups.Select(g => (Taxonomy: "target_group", Code: g)))
                .Select(link => Object(
                    ("id", StableId("attribute", s.Id.ToString(), link.Taxonomy, link.Code)),
                    ("link_id", s.Id.ToString()),
                    ("link_type", Taxonomies.First(t => t.Key == link.Taxonomy).LinkType),
                    ("link_entity", "service"),
                    ("taxonomy_term_id", StableId("term", link.Taxonomy, link.Code))))));
        return TypedResults.Ok(result);
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new(items.Cast<JsonNode?>().ToArray());

    private static JsonObject Object(params (string Name, object? Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value switch
            {
                null => null,
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                double number => JsonValue.Create(number),
                _ => throw new ArgumentException($"No HSDS field of type {value.GetType()}."),
            };
            if (value is null) json.Remove(name);
        }
        return json;
    }

    /// <summary>The same id on every export for things that have no row of their own (terms, attributes).</summary>
    private static string StableId(params string[] parts)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // name-based UUID (version 3)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true).ToString();
    }
}
