using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;
using Jusou.Messaging.Http;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.CommunityResources.ResourceDirectory;

public sealed record DirectoryOrganisationRequest(
    string Name, string Kind, Guid? ParentOrganisationId = null, string? AreaCode = null, string? Description = null,
    string? Phone = null, string? Email = null, string? Website = null)
{
    public async Task<Validation> Validate(CommunityResourcesDbContext db, Guid? self, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Require("name", Name).MaxLength("name", Name, 200)
            .Require("kind", Kind).OneOf("kind", Kind, CommunityCodes.OrganisationKinds)
            .MaxLength("description", Description, 2000)
            .MaxLength("phone", Phone, 40).MaxLength("email", Email, 200).MaxLength("website", Website, 400);
        if (Website is not null && !Uri.TryCreate(Website, UriKind.Absolute, out _)) validation.Add("website", "website is an absolute URL.");
        await validation.CheckExists(db, "areaCode", AreaCode, cancellationToken);
        if (ParentOrganisationId is { } parent && (parent == self || !await db.Organisations.AnyAsync(o => o.Id == parent, cancellationToken)))
        {
            validation.Add("parentOrganisationId", $"No organisation {parent} to belong to.");
        }
        return validation;
    }

    public void ApplyTo(Organisation organisation)
    {
        organisation.Name = Validation.Normalize(Name)!;
        organisation.Kind = Kind;
        organisation.ParentOrganisationId = ParentOrganisationId;
        organisation.AreaCode = AreaCode;
        organisation.Description = Validation.Normalize(Description);
        organisation.Phone = Phone;
        organisation.Email = Email;
        organisation.Website = Website;
    }
}

public sealed record DirectoryOrganisationResponse(
    Guid Id, string Name, string Kind, Guid? ParentOrganisationId, string? AreaCode, string? Description, string? Phone, string? Email,
    string? Website, string? ExternalKey)
{
    public static DirectoryOrganisationResponse From(Organisation o) =>
        new(o.Id, o.Name, o.Kind, o.ParentOrganisationId, o.AreaCode, o.Description, o.Phone, o.Email, o.Website, o.ExternalKey);
}

public static class OrganisationEndpoints
{
    public static void MapOrganisations(this IEndpointRouteBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Directory: organisations (支援機関)");
        organisations.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(AreaEndpoints.Editors)
            .WithName("CreateOrganisation").WithSummary("Add a 支援機関 (HSDS organization).");
        organisations.MapGet("/", List).WithName("ListOrganisations").WithSummary("Organisations, filtered by kind, area or name.");
        organisations.MapGet("/{id:guid}", Get).WithName("GetOrganisation").WithSummary("One organisation (ETag = version).");
        organisations.MapPut("/{id:guid}", Replace).RequireRoles(AreaEndpoints.Editors)
            .WithName("ReplaceOrganisation").WithSummary("Replace an organisation's details; needs If-Match.");
    }

    private static async Task<Results<Created<DirectoryOrganisationResponse>, ValidationProblem>> Create(
        DirectoryOrganisationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, null, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var organisation = new Organisation();
        request.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, organisation.Version);
        return TypedResults.Created($"/api/community/organisations/{organisation.Id}", DirectoryOrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<Page<DirectoryOrganisationResponse>>, ValidationProblem>> List(
        CommunityResourcesDbContext db, string? kind, string? area, string? q, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrEmpty(kind)) query = query.Where(o => o.Kind == kind);
        if (!string.IsNullOrEmpty(area)) query = query.Where(o => o.AreaCode == area);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{Search.EscapeLike(Validation.Normalize(q.Trim())!)}%";
            query = query.Where(o => EF.Functions.ILike(o.Name, pattern) || EF.Functions.ILike(o.Description ?? "", pattern));
        }
        if (page.After is { } after) query = query.Where(o => o.Id.CompareTo(after) > 0);
        var rows = await query.OrderBy(o => o.Id).Take(page.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, o => o.Id, DirectoryOrganisationResponse.From));
    }

    private static async Task<Results<Ok<DirectoryOrganisationResponse>, NotFound>> Get(Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        ETags.Set(http, organisation.Version);
        return TypedResults.Ok(DirectoryOrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<DirectoryOrganisationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, DirectoryOrganisationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        var validation = await request.Validate(db, id, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(organisation, version)) return ETags.Stale();
        request.ApplyTo(organisation);
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, organisation.Version);
        return TypedResults.Ok(DirectoryOrganisationResponse.From(organisation));
    }
}

internal static class Search
{
    /// <summary>Text is matched literally: % and _ typed by a user are not wildcards.</summary>
    public static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
