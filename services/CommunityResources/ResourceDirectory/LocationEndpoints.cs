using System.ComponentModel.DataAnnotations;
using Jusou.CommunityResources.Areas;

namespace Jusou.CommunityResources.ResourceDirectory;

public sealed record DirectoryLocationRequest(
    [property: MaxLength(DirectoryLengths.Name)] string Name,
    Guid? OrganisationId = null,
    [property: MaxLength(DirectoryLengths.Address)] string? Address = null,
    string? AreaCode = null,
    double? Latitude = null,
    double? Longitude = null,
    [property: MaxLength(DirectoryLengths.Description)] string? Description = null)
{
    public async Task<Validation> Validate(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this)
            .Require("name", Name);
        if (Latitude is < -90 or > 90) validation.Add("latitude", "latitude is between -90 and 90.");
        if (Longitude is < -180 or > 180) validation.Add("longitude", "longitude is between -180 and 180.");
        await validation.CheckExists(db, "areaCode", AreaCode, cancellationToken);
        if (OrganisationId is { } organisation && !await db.Organisations.AnyAsync(o => o.Id == organisation, cancellationToken))
        {
            validation.Add("organisationId", $"No organisation {organisation}.");
        }
        return validation;
    }

    public void ApplyTo(Location location)
    {
        location.Name = Validation.Normalize(Name)!;
        location.OrganisationId = OrganisationId;
        location.Address = Validation.Normalize(Address);
        location.AreaCode = AreaCode;
        location.Latitude = Latitude;
        location.Longitude = Longitude;
        location.Description = Validation.Normalize(Description);
    }
}

public sealed record DirectoryLocationResponse(
    Guid Id, string Name, Guid? OrganisationId, string? Address, string? AreaCode, double? Latitude, double? Longitude, string? Description)
{
    public static DirectoryLocationResponse From(Location l) => new(l.Id, l.Name, l.OrganisationId, l.Address, l.AreaCode, l.Latitude, l.Longitude, l.Description);
}

public static class LocationEndpoints
{
    public static void MapLocations(this IEndpointRouteBuilder api)
    {
        var locations = api.MapGroup("/locations").WithTags("Directory: locations (拠点・場所)");
        locations.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(AreaEndpoints.Editors)
            .WithName("CreateLocation").WithSummary("Add a place (HSDS location).");
        locations.MapGet("/", List).WithName("ListLocations").WithSummary("Places, filtered by area or organisation.");
        locations.MapGet("/{id:guid}", Get).WithName("GetLocation").WithSummary("One place (ETag = version).");
        locations.MapPut("/{id:guid}", Replace).RequiresIfMatch().RequireRoles(AreaEndpoints.Editors).WithName("ReplaceLocation").WithSummary("Replace a place; needs If-Match.");
    }

    private static async Task<Results<Created<DirectoryLocationResponse>, ValidationProblem>> Create(
        DirectoryLocationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var location = new Location();
        request.ApplyTo(location);
        db.Locations.Add(location);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, location.Version);
        return TypedResults.Created($"/api/community/locations/{location.Id}", DirectoryLocationResponse.From(location));
    }

    private static async Task<Results<Ok<Page<DirectoryLocationResponse>>, ValidationProblem>> List(
        CommunityResourcesDbContext db, string? area, Guid? organisationId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.Locations.AsNoTracking();
        if (!string.IsNullOrEmpty(area)) query = query.Where(l => l.AreaCode == area);
        if (organisationId is { } organisation) query = query.Where(l => l.OrganisationId == organisation);
        var rows = await query.PageOf(page, l => l.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, l => l.Id, DirectoryLocationResponse.From));
    }

    private static async Task<Results<Ok<DirectoryLocationResponse>, NotFound>> Get(Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null) return TypedResults.NotFound();
        ETags.Set(http, location.Version);
        return TypedResults.Ok(DirectoryLocationResponse.From(location));
    }

    private static async Task<Results<Ok<DirectoryLocationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, DirectoryLocationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null) return TypedResults.NotFound();
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(location, version)) return ETags.Stale();
        request.ApplyTo(location);
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, location.Version);
        return TypedResults.Ok(DirectoryLocationResponse.From(location));
    }
}
