using System.ComponentModel.DataAnnotations;
using Jusou.CommunityResources.Codes;

namespace Jusou.CommunityResources.Areas;

public sealed record AreaRequest(string Code, [property: MaxLength(AreaRequest.NameMaxLength)] string Name, string Level, string? ParentCode = null)
{
    public const int CodeMaxLength = 40;
    public const int NameMaxLength = 100;

    public Validation Validate() => new Validation().Limits(this)
        .Require("code", Code)
        .Require("name", Name)
        .Require("level", Level)
        .OneOf("level", Level, CommunityCodes.AreaLevels)
        .Also(v => { if (Code is not null && !AreaCodes.IsWellFormed(Code)) v.Add("code", "code is 1–40 of a-z, 0-9, '-' and '_'."); });
}

public sealed record AreaUpdate([property: MaxLength(AreaRequest.NameMaxLength)] string Name);

public sealed record AreaResponse(string Code, string Name, string Level, string? ParentCode)
{
    public static AreaResponse From(Area a) => new(a.Code, a.Name, a.Level, a.ParentCode);
}

public static class AreaCodes
{
    public static bool IsWellFormed(string code) =>
        code.Length is > 0 and <= AreaRequest.CodeMaxLength && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Adds a validation error when <paramref name="code"/> names no area of the caller's tenant.</summary>
    public static async Task CheckExists(this Validation validation, CommunityResourcesDbContext db, string field, string? code, CancellationToken cancellationToken)
    {
        if (code is null) return;
        // PostgreSQL text cannot hold NUL: such a code is no area, and asking the database would fail the request.
        if (code.Contains('\0')) { validation.Add(field, "An area code cannot contain NUL characters."); return; }
        if (!await db.Areas.AnyAsync(a => a.Code == code, cancellationToken)) validation.Add(field, $"'{code}' is not an area of this municipality; see /api/community/areas.");
    }
}

internal static class ValidationExtensions
{
    public static Validation Also(this Validation validation, Action<Validation> check)
    {
        check(validation);
        return validation;
    }
}

public static class AreaEndpoints
{
    public static readonly string[] Editors = [JusouRoles.CommunityStaff, JusouRoles.Manager];

    public static void MapAreas(this IEndpointRouteBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("Areas (圏域・地区)");
        areas.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(Editors)
            .WithName("CreateArea").WithSummary("Add an area: 市全域, a 日常生活圏域 under it, or a 地区 under that; codes are what other services use.");
        areas.MapGet("/", List).WithName("ListAreas").WithSummary("The municipality's areas, filtered by level or parent.");
        areas.MapGet("/{code}", Get).WithName("GetArea").WithSummary("One area by its code (ETag = version).");
        areas.MapPut("/{code}", Rename).RequiresIfMatch().RequireRoles(Editors).WithName("RenameArea").WithSummary("Rename an area; its code never changes. Needs If-Match.");
    }

    private static async Task<Results<Created<AreaResponse>, ValidationProblem, ProblemHttpResult>> Create(
        AreaRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (validation.IsValid)
        {
            var parentLevel = CommunityCodes.ParentLevel[request.Level];
            if (parentLevel is null && request.ParentCode is not null) validation.Add("parentCode", $"A {request.Level} area has no parent.");
            if (parentLevel is not null)
            {
                var parent = request.ParentCode is null ? null : await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == request.ParentCode, cancellationToken);
                if (parent?.Level != parentLevel) validation.Add("parentCode", $"A {request.Level} area sits under an existing {parentLevel} area.");
            }
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await db.Areas.AnyAsync(a => a.Code == request.Code, cancellationToken)) return Problems.Conflict($"Area '{request.Code}' exists already.");

        var area = new Area { Code = request.Code, Name = Validation.Normalize(request.Name)!, Level = request.Level, ParentCode = request.ParentCode };
        db.Areas.Add(area);
        area.Announce(db, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, area.Version);
        return TypedResults.Created($"/api/community/areas/{area.Code}", AreaResponse.From(area));
    }

    private static async Task<Results<Ok<Page<AreaResponse>>, ValidationProblem>> List(
        CommunityResourcesDbContext db, string? level, string? parentCode, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.Areas.AsNoTracking();
        if (!string.IsNullOrEmpty(level)) query = query.Where(a => a.Level == level);
        if (!string.IsNullOrEmpty(parentCode)) query = query.Where(a => a.ParentCode == parentCode);
        var rows = await query.PageOf(page, a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, a => a.Id, AreaResponse.From));
    }

    private static async Task<Results<Ok<AreaResponse>, NotFound>> Get(string code, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (area is null) return TypedResults.NotFound();
        ETags.Set(http, area.Version);
        return TypedResults.Ok(AreaResponse.From(area));
    }

    private static async Task<Results<Ok<AreaResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Rename(
        string code, AreaUpdate update, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = new Validation().Limits(update).Require("name", update.Name);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var area = await db.Areas.FirstOrDefaultAsync(a => a.Code == code, cancellationToken);
        if (area is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(area, version)) return ETags.Stale();
        area.Name = Validation.Normalize(update.Name)!;
        area.Announce(db, clock.GetUtcNow());
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, area.Version);
        return TypedResults.Ok(AreaResponse.From(area));
    }
}
