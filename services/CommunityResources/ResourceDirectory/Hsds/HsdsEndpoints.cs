using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace Jusou.CommunityResources.ResourceDirectory.Hsds;

/// <summary>
/// The directory as an Open Referral HSDS 3.0 publication: the API reference's endpoints under /api/community/hsds
/// (/, /services, /services/{id}, /organizations, /organizations/{id}; lists paged with page and per_page and answered
/// as the reference's Page) and the whole directory in one file, /api/community/export/hsds: a JSON array of fully
/// nested services (compiled/service_package.json). The municipality is the token's, as everywhere: another's record
/// is a 404. Directory records are public information, not personal data: reads are not audited.
/// </summary>
public static class HsdsEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static void MapHsds(this IEndpointRouteBuilder api)
    {
        var hsds = api.MapGroup("/hsds").WithTags("Directory: Open Referral HSDS 3.0 API");
        hsds.MapGet("/", Info).WithName("GetHsdsApiInfo")
            .WithSummary("The HSDS version of this API (3.0) and the OpenAPI document that describes it (HSDS API reference: /).");
        hsds.MapGet("/services", ListServices).WithName("ListHsdsServices")
            .WithSummary("Programmes and places as HSDS services with their organization, paged (page, per_page); filtered by search, organization_id, taxonomy_term_id and modified_after.");
        hsds.MapGet("/services/{id:guid}", GetService).WithName("GetHsdsService")
            .WithSummary("One fully nested HSDS service: organization, schedules, service areas, locations with addresses, attributes.");
        hsds.MapGet("/organizations", ListOrganizations).WithName("ListHsdsOrganizations")
            .WithSummary("Organisations as HSDS organizations (their own fields), paged (page, per_page); filtered by search.");
        hsds.MapGet("/organizations/{id:guid}", GetOrganization).WithName("GetHsdsOrganization")
            .WithSummary("One fully nested HSDS organization: phones, identifiers (法人番号), kind, locations and its services.");
        api.MapGet("/export/hsds", Export).WithTags("Directory: Open Referral HSDS 3.0 API").WithName("ExportHsds")
            .WithSummary("The whole directory of the caller's municipality as one HSDS 3.0 file: a JSON array of fully nested services.");
    }

    private static Ok<HsdsApiInfo> Info(HttpContext http)
    {
        // Behind the gateway the public host and scheme are the forwarded ones.
        var request = http.Request;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        var scheme = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        return TypedResults.Ok(new HsdsApiInfo { Version = HsdsDirectory.Version, OpenApiUrl = $"{scheme}://{host}/api/community/openapi/v1.json" });
    }

    private static async Task<Results<Ok<HsdsPage<HsdsServiceSummary>>, ValidationProblem>> ListServices(
        CommunityResourcesDbContext db, int? page, [FromQuery(Name = "per_page")] int? perPage, [MaxLength(DirectoryLengths.Query)] string? search,
        [FromQuery(Name = "organization_id")] Guid? organizationId, [FromQuery(Name = "taxonomy_term_id")] Guid? taxonomyTermId,
        [FromQuery(Name = "modified_after")] DateTimeOffset? modifiedAfter, CancellationToken cancellationToken)
    {
        var validation = ReadPage(page, perPage, out var number, out var size).MaxLength("search", search, DirectoryLengths.Query);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.Services.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{Search.EscapeLike(Validation.Normalize(search.Trim())!)}%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern) || EF.Functions.ILike(s.Description ?? "", pattern)
                || EF.Functions.ILike(s.EligibilityDescription ?? "", pattern));
        }
        if (organizationId is { } organisation) query = query.Where(s => s.OrganisationId == organisation);
        if (modifiedAfter is { } after) query = query.Where(s => s.UpdatedAt >= after);
        if (taxonomyTermId is { } termId) query = WithTerm(query, termId);

        var total = await query.CountAsync(cancellationToken);
        var services = await query.OrderBy(s => s.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var directory = await HsdsDirectory.Load(db, services, cancellationToken);
        return TypedResults.Ok(Page(total, number, size, services.Select(directory.ServiceSummary).ToList()));
    }

    private static async Task<Results<Ok<HsdsService>, NotFound>> GetService(Guid id, CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var service = await ServiceEndpoints.Load(db, id, tracking: false, cancellationToken);
        if (service is null) return TypedResults.NotFound();
        var directory = await HsdsDirectory.Load(db, [service], cancellationToken);
        return TypedResults.Ok(directory.Service(service));
    }

    private static async Task<Results<Ok<HsdsPage<HsdsOrganizationSummary>>, ValidationProblem>> ListOrganizations(
        CommunityResourcesDbContext db, int? page, [FromQuery(Name = "per_page")] int? perPage, [MaxLength(DirectoryLengths.Query)] string? search, CancellationToken cancellationToken)
    {
        var validation = ReadPage(page, perPage, out var number, out var size).MaxLength("search", search, DirectoryLengths.Query);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = $"%{Search.EscapeLike(Validation.Normalize(search.Trim())!)}%";
            query = query.Where(o => EF.Functions.ILike(o.Name, pattern) || EF.Functions.ILike(o.Description ?? "", pattern));
        }
        var total = await query.CountAsync(cancellationToken);
        var organisations = await query.OrderBy(o => o.Id).Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(Page(total, number, size, organisations.Select(HsdsDirectory.OrganizationSummary).ToList()));
    }

    private static async Task<Results<Ok<HsdsOrganization>, NotFound>> GetOrganization(Guid id, CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        var places = await db.Locations.AsNoTracking().Where(l => l.OrganisationId == id).ToListAsync(cancellationToken);
        var services = await db.Services.AsNoTracking().Where(s => s.OrganisationId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(HsdsDirectory.Organization(organisation, places, services));
    }

    private static async Task<Ok<List<HsdsService>>> Export(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var services = await db.Services.AsNoTracking().Include(s => s.Locations).Include(s => s.Schedules).AsSplitQuery()
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var directory = await HsdsDirectory.Load(db, null, cancellationToken);
        return TypedResults.Ok(services.Select(directory.Service).ToList());
    }

    /// <summary>page counts from 1; per_page is 1 to 500 (50 when absent). A page after the last is empty, not an error.</summary>
    private static Validation ReadPage(int? page, int? perPage, out int number, out int size)
    {
        var validation = new Validation();
        number = page ?? 1;
        size = perPage ?? DefaultPageSize;
        if (number < 1) validation.Add("page", "page counts from 1.");
        if (size is < 1 or > MaxPageSize) validation.Add("per_page", $"per_page is between 1 and {MaxPageSize}.");
        return validation;
    }

    private static HsdsPage<T> Page<T>(int total, int number, int size, IReadOnlyList<T> contents)
    {
        var pages = Math.Max(1, (total + size - 1) / size);
        return new HsdsPage<T>
        {
            TotalItems = total, TotalPages = pages, PageNumber = number, Size = contents.Count, FirstPage = number == 1,
            LastPage = number >= pages, Empty = contents.Count == 0, Contents = contents,
        };
    }

    /// <summary>The services an attribute links to the term: a code of one of the taxonomies (HsdsDirectory.Taxonomies).</summary>
    private static IQueryable<CommunityService> WithTerm(IQueryable<CommunityService> query, Guid termId)
    {
        var term = HsdsDirectory.Taxonomies.SelectMany(t => t.Terms.Keys.Select(code => (Taxonomy: t.Key, Code: code)))
            .Where(t => HsdsDirectory.Taxonomies.Single(x => x.Key == t.Taxonomy).TermId(t.Code) == termId)
            .Select(t => ((string Taxonomy, string Code)?)t).FirstOrDefault();
        return term switch
        {
            ("statutory_project", var code) => query.Where(s => s.StatutoryProject == code),
            ("service_kind", var code) => query.Where(s => s.Kinds.Contains(code)),
            ("target_group", var code) => query.Where(s => s.TargetGroups.Contains(code)),
            ("delivery_method", var code) => query.Where(s => s.DeliveryMethod == code),
            _ => query.Where(s => false), // a term of no service's taxonomy (an organisation kind) or of none
        };
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.FirstOrDefault()?.Split(',')[0].Trim() is { Length: > 0 } value ? value : null;
}
