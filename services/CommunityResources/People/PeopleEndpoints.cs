using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;

namespace Jusou.CommunityResources.People;

public sealed record CommunityPersonRequest(
    string Kind,
    [property: MaxLength(CommunityPersonRequest.NameMaxLength)] string Name,
    string? AreaCode = null,
    IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? Skills = null,
    [property: MaxLength(CommunityPersonRequest.AffiliationMaxLength)] string? Affiliation = null,
    [property: MaxLength(CommunityPersonRequest.ContactMaxLength)] string? Contact = null,
    [property: MaxLength(CommunityPersonRequest.NotesMaxLength)] string? Notes = null)
{
    public const int NameMaxLength = 200;
    public const int AffiliationMaxLength = 200;
    public const int ContactMaxLength = 200;
    public const int NotesMaxLength = 2000;

    public async Task<Validation> Validate(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind).OneOf("kind", Kind, CommunityCodes.PersonKinds)
            .Require("name", Name);
        foreach (var field in Fields ?? []) validation.OneOf("fields", field, CommunityCodes.Fields);
        if ((Skills?.Count ?? 0) > 30 || (Skills ?? []).Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 100)) validation.Add("skills", "Up to 30 skills of 1–100 characters.");
        await validation.CheckExists(db, "areaCode", AreaCode, cancellationToken);
        await validation.CheckGaiji(db, "name", Name, cancellationToken);
        return validation;
    }

    public void ApplyTo(CommunityPerson person)
    {
        person.Name = Validation.PersonName(Name)!;
        person.AreaCode = AreaCode;
        person.Fields = (Fields ?? []).Distinct().ToList();
        person.Skills = (Skills ?? []).Select(s => Validation.Normalize(s.Trim())!).Distinct().ToList();
        person.Affiliation = Validation.Normalize(Affiliation);
        person.Contact = Contact;
        person.Notes = Validation.Normalize(Notes);
    }
}

public sealed record PointsRequest(DateOnly On, int Points, Guid? ServiceId = null);

public sealed record CommunityPersonResponse(
    Guid Id, string Kind, string Name, string? AreaCode, IReadOnlyList<string> Fields, IReadOnlyList<string> Skills, string? Affiliation,
    string? Contact, string? Notes, int VolunteerPoints)
{
    public static CommunityPersonResponse From(CommunityPerson p) =>
        new(p.Id, p.Kind, p.Name, p.AreaCode, p.Fields, p.Skills, p.Affiliation, p.Contact, p.Notes, p.VolunteerPoints);
}

public sealed record CooperationRequest(
    Guid OrganisationId,
    IReadOnlyList<string> Fields,
    [property: MaxLength(CooperationRequest.OfferMaxLength)] string? Offer = null,
    string? AreaCode = null,
    bool Active = true)
{
    public const int OfferMaxLength = 2000;

    public async Task<Validation> Validate(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this);
        if (OrganisationId == Guid.Empty) validation.Add("organisationId", "organisationId is required.");
        if (Fields is null || Fields.Count == 0) validation.Add("fields", "At least one field the organisation covers.");
        foreach (var field in Fields ?? []) validation.OneOf("fields", field, CommunityCodes.Fields);
        if (!validation.IsValid) return validation;
        await validation.CheckExists(db, "areaCode", AreaCode, cancellationToken);
        if (!await db.Organisations.AnyAsync(o => o.Id == OrganisationId, cancellationToken)) validation.Add("organisationId", $"No organisation {OrganisationId}.");
        return validation;
    }
}

public sealed record CooperationResponse(Guid Id, Guid OrganisationId, IReadOnlyList<string> Fields, string? Offer, string? AreaCode, bool Active)
{
    public static CooperationResponse From(CooperationEntry e) => new(e.Id, e.OrganisationId, e.Fields, e.Offer, e.AreaCode, e.Active);
}

public static class PeopleEndpoints
{
    public static void MapPeople(this IEndpointRouteBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People resources (クロス人材・ボランティア)").RequireRoles(AreaEndpoints.Editors);
        people.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>()
            .WithName("RegisterCommunityPerson").WithSummary("Register a クロス人材 or a volunteer.");
        people.MapGet("/", List).WithName("ListCommunityPeople").WithSummary("クロス人材 and volunteers, by kind, field, skill or area (audited).");
        people.MapGet("/{id:guid}", Get).WithName("GetCommunityPerson").WithSummary("One person (audited; ETag = version).");
        people.MapPut("/{id:guid}", Replace).RequiresIfMatch().WithName("ReplaceCommunityPerson").WithSummary("Replace a person's details; needs If-Match.");
        people.MapPost("/{id:guid}/points", AddPoints).WithIdempotency<CommunityResourcesDbContext>()
            .WithName("AddVolunteerPoints").WithSummary("Record a volunteer activity and its ボランティアポイント; the total grows.");

        var cooperation = api.MapGroup("/cooperation").WithTags("協働リスト");
        cooperation.MapPost("/", Cooperate).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(AreaEndpoints.Editors)
            .WithName("AddCooperationEntry").WithSummary("Put an organisation on the 協働リスト with the fields it covers.");
        cooperation.MapGet("/", ListCooperation).WithName("ListCooperation").WithSummary("The 協働リスト, by field or area.");
        cooperation.MapGet("/{id:guid}", GetCooperation).WithName("GetCooperationEntry").WithSummary("One entry of the 協働リスト (ETag = version).");
        cooperation.MapPut("/{id:guid}", ReplaceCooperation).RequiresIfMatch().RequireRoles(AreaEndpoints.Editors)
            .WithName("ReplaceCooperationEntry").WithSummary("Change an entry (fields, offer, active); needs If-Match.");
    }

    private static async Task<Results<Created<CommunityPersonResponse>, ValidationProblem>> Create(
        CommunityPersonRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var person = new CommunityPerson { Kind = request.Kind };
        request.ApplyTo(person);
        db.People.Add(person);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "community_person", person.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, person.Version);
        return TypedResults.Created($"/api/community/people/{person.Id}", CommunityPersonResponse.From(person));
    }

    private static async Task<Results<Ok<Page<CommunityPersonResponse>>, ValidationProblem>> List(
        CommunityResourcesDbContext db, HttpContext http, string? kind, string? field, string? skill, string? area, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrEmpty(kind)) query = query.Where(p => p.Kind == kind);
        if (!string.IsNullOrEmpty(field)) query = query.Where(p => p.Fields.Contains(field));
        if (!string.IsNullOrEmpty(skill)) query = query.Where(p => p.Skills.Contains(Validation.Normalize(skill)!));
        if (!string.IsNullOrEmpty(area)) query = query.Where(p => p.AreaCode == area);
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, p => p.Id, CommunityPersonResponse.From);
        await db.AuditReadsAsync(http, "search", "community_person", result.Items.Select(p => p.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<CommunityPersonResponse>, NotFound>> Get(Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "community_person", id, person.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(CommunityPersonResponse.From(person));
    }

    private static async Task<Results<Ok<CommunityPersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, CommunityPersonRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null) return TypedResults.NotFound();
        var validation = await request.Validate(db, cancellationToken);
        if (request.Kind != person.Kind) validation.Add("kind", "A person's kind does not change; register them again.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(person, version)) return ETags.Stale();
        request.ApplyTo(person);
        db.AuditEntries.Add(AuditEntry.For(http, "update", "community_person", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, person.Version);
        return TypedResults.Ok(CommunityPersonResponse.From(person));
    }

    private static async Task<Results<Created<CommunityPersonResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddPoints(
        Guid id, PointsRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (request.Points is < 1 or > 1000) validation.Add("points", "points is between 1 and 1000.");
        if (request.On == default) validation.Add("on", "on (the day of the activity) is required.");
        else if (request.On > JapanDate.Today(clock)) validation.Add("on", "on cannot be in the future.");
        if (request.ServiceId is { } service && !await db.Services.AnyAsync(s => s.Id == service, cancellationToken)) validation.Add("serviceId", $"No programme {service}.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null) return TypedResults.NotFound();
        if (person.Kind != "volunteer") return Problems.Refused("Points are for volunteers.", "ボランティアポイント are recorded for registered volunteers only.");

        db.VolunteerActivities.Add(new VolunteerActivity
        {
            PersonId = id, On = request.On, Points = request.Points, ServiceId = request.ServiceId, RecordedBy = http.User.SubjectId(),
        });
        person.VolunteerPoints += request.Points;
        db.AuditEntries.Add(AuditEntry.For(http, "add_points", "community_person", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The person changed meanwhile; send the points again.");
        ETags.Set(http, person.Version);
        return TypedResults.Created($"/api/community/people/{id}", CommunityPersonResponse.From(person));
    }

    private static async Task<Results<Created<CooperationResponse>, ValidationProblem, ProblemHttpResult>> Cooperate(
        CooperationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await db.Cooperation.AnyAsync(e => e.OrganisationId == request.OrganisationId, cancellationToken))
        {
            return Problems.Conflict("The organisation is on the 協働リスト already; change its entry instead.");
        }
        var entry = new CooperationEntry
        {
            OrganisationId = request.OrganisationId, Fields = request.Fields.Distinct().ToList(), Offer = Validation.Normalize(request.Offer),
            AreaCode = request.AreaCode, Active = request.Active,
        };
        db.Cooperation.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, entry.Version);
        return TypedResults.Created($"/api/community/cooperation/{entry.Id}", CooperationResponse.From(entry));
    }

    private static async Task<Results<Ok<Page<CooperationResponse>>, ValidationProblem>> ListCooperation(
        CommunityResourcesDbContext db, string? field, string? area, bool? active, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.Cooperation.AsNoTracking();
        if (!string.IsNullOrEmpty(field)) query = query.Where(e => e.Fields.Contains(field));
        if (!string.IsNullOrEmpty(area)) query = query.Where(e => e.AreaCode == area);
        query = query.Where(e => e.Active == (active ?? true));
        var rows = await query.PageOf(page, e => e.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, e => e.Id, CooperationResponse.From));
    }

    private static async Task<Results<Ok<CooperationResponse>, NotFound>> GetCooperation(
        Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var entry = await db.Cooperation.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null) return TypedResults.NotFound();
        ETags.Set(http, entry.Version);
        return TypedResults.Ok(CooperationResponse.From(entry));
    }

    private static async Task<Results<Ok<CooperationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReplaceCooperation(
        Guid id, CooperationRequest request, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var entry = await db.Cooperation.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null) return TypedResults.NotFound();
        var validation = await request.Validate(db, cancellationToken);
        if (request.OrganisationId != entry.OrganisationId) validation.Add("organisationId", "An entry stays with its organisation.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(entry, version)) return ETags.Stale();
        entry.Fields = request.Fields.Distinct().ToList();
        entry.Offer = Validation.Normalize(request.Offer);
        entry.AreaCode = request.AreaCode;
        entry.Active = request.Active;
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, entry.Version);
        return TypedResults.Ok(CooperationResponse.From(entry));
    }
}
