using System.ComponentModel.DataAnnotations;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;
using Npgsql;

namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// An organisation of the directory. <see cref="CorporateNumber"/> (法人番号) or, when it has none, <see cref="Code"/> (the
/// municipality's own) gives it its code, once: a change names the same code or leaves both out.
/// </summary>
public sealed record DirectoryOrganisationRequest(
    [property: MaxLength(DirectoryLengths.Name)] string Name, string Kind, Guid? ParentOrganisationId = null, string? AreaCode = null,
    [property: MaxLength(DirectoryLengths.Description)] string? Description = null, [property: MaxLength(Lengths.Phone)] string? Phone = null,
    [property: MaxLength(DirectoryLengths.Email)] string? Email = null, [property: MaxLength(DirectoryLengths.Website)] string? Website = null,
    string? Code = null, string? CorporateNumber = null)
{
    /// <summary>Validates a new organisation; <paramref name="code"/> is the code it gets.</summary>
    public async Task<(Validation Validation, string? Code)> ValidateNew(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var validation = await Validate(db, null, cancellationToken);
        var code = OrganisationCode.Check(validation, Code, CorporateNumber);
        return (validation, code);
    }

    /// <summary>Validates a change of <paramref name="organisation"/>: its code stays what it is.</summary>
    public async Task<Validation> ValidateChange(CommunityResourcesDbContext db, Organisation organisation, CancellationToken cancellationToken)
    {
        var validation = await Validate(db, organisation.Id, cancellationToken);
        var field = Code is not null ? "code" : "corporateNumber";
        if ((Code ?? CorporateNumber) is { } given && given != organisation.Code)
        {
            validation.Add(field, $"An organisation's code never changes: this one is '{organisation.Code}'. Leave {field} out, or send it unchanged.");
        }
        return validation;
    }

    private async Task<Validation> Validate(CommunityResourcesDbContext db, Guid? self, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this)
            .Require("name", Name)
            .Require("kind", Kind).OneOf("kind", Kind, CommunityCodes.OrganisationKinds);
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

/// <param name="Code">How every service names the organisation (the token's org claim too).</param>
/// <param name="CorporateNumber">Its 法人番号, when the code is one.</param>
public sealed record DirectoryOrganisationResponse(
    Guid Id, string Code, string? CorporateNumber, string Name, string Kind, Guid? ParentOrganisationId, string? AreaCode, string? Description,
    string? Phone, string? Email, string? Website, string? ExternalKey)
{
    public static DirectoryOrganisationResponse From(Organisation o) =>
        new(o.Id, o.Code, Jusou.ServiceDefaults.Auth.CorporateNumber.IsValid(o.Code) ? o.Code : null, o.Name, o.Kind, o.ParentOrganisationId,
            o.AreaCode, o.Description, o.Phone, o.Email, o.Website, o.ExternalKey);
}

public static class OrganisationEndpoints
{
    public static void MapOrganisations(this IEndpointRouteBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Directory: organisations (支援機関)");
        organisations.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(AreaEndpoints.Editors)
            .WithName("CreateOrganisation")
            .WithSummary("Register a 支援機関 (HSDS organization) with its code — corporateNumber (法人番号) or the municipality's own code; announces OrganisationRegistered.");
        organisations.MapGet("/", List).WithName("ListOrganisations").WithSummary("Organisations, filtered by kind, area or name.");
        organisations.MapGet("/{id:guid}", Get).WithName("GetOrganisation").WithSummary("One organisation (ETag = version).");
        organisations.MapGet("/by-code/{code}", GetByCode).WithName("GetOrganisationByCode").WithSummary("The organisation with this code (ETag = version).");
        organisations.MapPut("/{id:guid}", Replace).RequiresIfMatch().RequireRoles(AreaEndpoints.Editors)
            .WithName("ReplaceOrganisation").WithSummary("Replace an organisation's details (its code never changes); needs If-Match; announces OrganisationRegistered.");
    }

    private static async Task<Results<Created<DirectoryOrganisationResponse>, ValidationProblem, ProblemHttpResult>> Create(
        DirectoryOrganisationRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (validation, code) = await request.ValidateNew(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await db.Organisations.AnyAsync(o => o.Code == code, cancellationToken)) return CodeTaken(code!);
        var organisation = new Organisation { Code = code! };
        request.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        organisation.Announce(db, await ParentCode(db, organisation, cancellationToken), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return CodeTaken(code!);
        }
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
        var rows = await query.PageOf(page, o => o.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, o => o.Id, DirectoryOrganisationResponse.From));
    }

    private static async Task<Results<Ok<DirectoryOrganisationResponse>, NotFound>> Get(Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        ETags.Set(http, organisation.Version);
        return TypedResults.Ok(DirectoryOrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<DirectoryOrganisationResponse>, NotFound>> GetByCode(string code, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        ETags.Set(http, organisation.Version);
        return TypedResults.Ok(DirectoryOrganisationResponse.From(organisation));
    }

    private static async Task<Results<Ok<DirectoryOrganisationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, DirectoryOrganisationRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null) return TypedResults.NotFound();
        var validation = await request.ValidateChange(db, organisation, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(organisation, version)) return ETags.Stale();
        request.ApplyTo(organisation);
        organisation.Announce(db, await ParentCode(db, organisation, cancellationToken), clock.GetUtcNow());
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, organisation.Version);
        return TypedResults.Ok(DirectoryOrganisationResponse.From(organisation));
    }

    private static async Task<string?> ParentCode(CommunityResourcesDbContext db, Organisation organisation, CancellationToken cancellationToken) =>
        organisation.ParentOrganisationId is { } parent
            ? await db.Organisations.Where(o => o.Id == parent).Select(o => o.Code).FirstAsync(cancellationToken)
            : null;

    private static ProblemHttpResult CodeTaken(string code) =>
        Problems.Conflict($"Another organisation of this municipality has the code '{code}'.");
}

internal static class Search
{
    /// <summary>Text is matched literally: % and _ typed by a user are not wildcards.</summary>
    public static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
