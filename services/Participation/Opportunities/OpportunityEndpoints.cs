using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Organisations;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Opportunities;

/// <summary>
/// An opportunity as a coordinator registers it (POST) or replaces its details (PUT). For one kept from the
/// directory, the host, 地区, capacity and paid flag belong to the directory and must be sent unchanged; kind,
/// schedule, age conditions, accommodations and accepting are the coordinator's.
/// </summary>
public sealed record OpportunityRequest(
    string Kind,
    [property: MaxLength(Lengths.OrganisationCode)] string HostOrganisationCode,
    [property: MaxLength(OpportunityRequest.TitleMaxLength)] string? Title = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    IReadOnlyList<string>? Days = null,
    IReadOnlyList<string>? TimeSlots = null,
    [property: MaxLength(OpportunityRequest.NoteMaxLength)] string? ScheduleNote = null,
    int? Capacity = null,
    bool Paid = false,
    int? MinimumAge = null,
    int? MaximumAge = null,
    IReadOnlyList<string>? Accommodations = null,
    bool Accepting = true)
{
    public const int TitleMaxLength = 200;
    public const int NoteMaxLength = 1000;

    public Validation Validate()
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind)
            .OneOf("kind", Kind, ParticipationCodes.OpportunityKinds)
            .Require("hostOrganisationCode", HostOrganisationCode);
        if (HostOrganisationCode is { Length: > 0 } && string.IsNullOrWhiteSpace(HostOrganisationCode)) validation.Add("hostOrganisationCode", "hostOrganisationCode is required.");
        CodeLists.Check(validation, "days", Days, ParticipationCodes.Days);
        CodeLists.Check(validation, "timeSlots", TimeSlots, ParticipationCodes.TimeSlots);
        CodeLists.Check(validation, "accommodations", Accommodations, ParticipationCodes.Accommodations);
        if (Capacity is < 1 or > 10_000) validation.Add("capacity", "capacity is between 1 and 10000 (leave it out when there is no fixed limit).");
        if (MinimumAge is < 0 or > 130) validation.Add("minimumAge", "minimumAge is between 0 and 130.");
        if (MaximumAge is < 0 or > 130) validation.Add("maximumAge", "maximumAge is between 0 and 130.");
        if (MinimumAge is { } min && MaximumAge is { } max && max < min) validation.Add("maximumAge", "maximumAge cannot be below minimumAge.");
        return validation;
    }

    /// <summary>The details that are the coordinator's whatever the source.</summary>
    public void ApplyLocalDetails(Opportunity opportunity, DateTimeOffset now)
    {
        opportunity.Kind = Kind;
        opportunity.Title = Validation.Normalize(Title?.Trim());
        opportunity.Days = CodeLists.Ordered(Days, ParticipationCodes.Days);
        opportunity.TimeSlots = CodeLists.Ordered(TimeSlots, ParticipationCodes.TimeSlots);
        opportunity.ScheduleNote = Validation.Normalize(ScheduleNote);
        opportunity.MinimumAge = MinimumAge;
        opportunity.MaximumAge = MaximumAge;
        opportunity.Accommodations = CodeLists.Ordered(Accommodations, ParticipationCodes.Accommodations);
        opportunity.Accepting = Accepting;
        opportunity.UpdatedAt = now;
    }

    /// <summary>The details the directory owns for opportunities kept from it.</summary>
    public void ApplyDirectoryDetails(Opportunity opportunity)
    {
        opportunity.HostOrganisationCode = HostOrganisationCode.Trim();
        opportunity.DistrictCode = string.IsNullOrWhiteSpace(DistrictCode) ? null : DistrictCode.Trim();
        opportunity.Capacity = Capacity;
        opportunity.Paid = Paid;
    }

    public bool ChangesDirectoryDetails(Opportunity opportunity) =>
        HostOrganisationCode.Trim() != opportunity.HostOrganisationCode
        || (string.IsNullOrWhiteSpace(DistrictCode) ? null : DistrictCode.Trim()) != opportunity.DistrictCode
        || Capacity != opportunity.Capacity
        || Paid != opportunity.Paid;
}

public sealed record OpportunityResponse(
    Guid Id, string Source, Guid? CommunityServiceId, string HostOrganisationCode, string? Title, string Kind, string? DistrictCode,
    IReadOnlyList<string> Days, IReadOnlyList<string> TimeSlots, string? ScheduleNote, int? Capacity, int CurrentUse, int? RemainingPlaces,
    bool Full, bool Paid, int? MinimumAge, int? MaximumAge, IReadOnlyList<string> Accommodations, bool Open, string? ClosedReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static OpportunityResponse From(Opportunity o) => new(o.Id, o.Source, o.CommunityServiceId, o.HostOrganisationCode, o.Title,
        o.Kind, o.DistrictCode, o.Days, o.TimeSlots, o.ScheduleNote, o.Capacity, o.CurrentUse, o.RemainingPlaces, o.IsFull, o.Paid,
        o.MinimumAge, o.MaximumAge, o.Accommodations, o.IsOpen, o.ClosedReason, o.CreatedAt, o.UpdatedAt);
}

/// <summary>Lists of codes in requests: each a known code, stored once each, in the table's order.</summary>
public static class CodeLists
{
    public static void Check(Validation validation, string field, IReadOnlyList<string>? codes, IReadOnlyDictionary<string, string> table)
    {
        if (codes is null) return;
        if (codes.Count > 50) validation.Add(field, $"{field} has too many entries.");
        foreach (var code in codes) validation.OneOf(field, code, table);
    }

    public static List<string> Ordered(IReadOnlyList<string>? codes, IReadOnlyDictionary<string, string> table) =>
        codes is null ? [] : table.Keys.Where(codes.Contains).ToList();
}

public static class OpportunityEndpoints
{
    public static void MapOpportunities(this IEndpointRouteBuilder api)
    {
        var opportunities = api.MapGroup("/opportunities").WithTags("Opportunities (参加の場)");

        opportunities.MapPost("/", Register).WithIdempotency<ParticipationDbContext>().RequireRoles(ParticipationRoles.Writers)
            .WithName("RegisterOpportunity")
            .WithSummary("Register a place of participation that is not in the directory (協力事業所 of a short job, a 居場所 …); directory ones arrive by events.");
        opportunities.MapGet("/", List).RequireRoles(ParticipationRoles.Readers)
            .WithName("ListOpportunities")
            .WithSummary("Opportunities in id order with capacity and current use; filter by kind, 地区, host organisation, source or open (accepting and not full).");
        opportunities.MapGet("/{id:guid}", Get).RequireRoles(ParticipationRoles.Readers)
            .WithName("GetOpportunity").WithSummary("Read one opportunity (ETag = version).");
        opportunities.MapPut("/{id:guid}", Update).RequiresIfMatch().RequireRoles(ParticipationRoles.Writers)
            .WithName("UpdateOpportunity")
            .WithSummary("Replace an opportunity's details (kind, schedule, conditions, accepting; for local ones also host, 地区, capacity, paid); needs If-Match.");
    }

    private static async Task<Results<Created<OpportunityResponse>, ValidationProblem>> Register(
        OpportunityRequest request, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        await validation.CheckOrganisation(db, "hostOrganisationCode", request.HostOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var now = clock.GetUtcNow();
        var opportunity = new Opportunity { Source = "local", CreatedAt = now, TenantCode = db.Tenant.Required };
        request.ApplyDirectoryDetails(opportunity);
        request.ApplyLocalDetails(opportunity, now);
        db.Opportunities.Add(opportunity);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "opportunity", opportunity.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, opportunity.Version);
        return TypedResults.Created($"/api/participation/opportunities/{opportunity.Id}", OpportunityResponse.From(opportunity));
    }

    private static async Task<Results<Ok<Page<OpportunityResponse>>, ValidationProblem>> List(
        ParticipationDbContext db, string? kind, string? district, string? hostOrganisationCode, string? source, bool? open,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation().OneOf("kind", kind, ParticipationCodes.OpportunityKinds)
            .OneOf("source", source, ParticipationCodes.OpportunitySources);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);

        var query = db.Opportunities.AsNoTracking();
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (!string.IsNullOrEmpty(district)) query = query.Where(o => o.DistrictCode == district);
        if (!string.IsNullOrEmpty(hostOrganisationCode)) query = query.Where(o => o.HostOrganisationCode == hostOrganisationCode);
        if (source is not null) query = query.Where(o => o.Source == source);
        if (open is true) query = query.Where(o => o.ListedInDirectory && o.Accepting && (o.Capacity == null || o.CurrentUse < o.Capacity));
        if (open is false) query = query.Where(o => !(o.ListedInDirectory && o.Accepting && (o.Capacity == null || o.CurrentUse < o.Capacity)));
        var rows = await query.PageOf(page, o => o.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, o => o.Id, OpportunityResponse.From));
    }

    private static async Task<Results<Ok<OpportunityResponse>, NotFound>> Get(
        Guid id, ParticipationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var opportunity = await db.Opportunities.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (opportunity is null) return TypedResults.NotFound();
        ETags.Set(http, opportunity.Version);
        return TypedResults.Ok(OpportunityResponse.From(opportunity));
    }

    private static async Task<Results<Ok<OpportunityResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, OpportunityRequest request, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate();
        await validation.CheckOrganisation(db, "hostOrganisationCode", request.HostOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var opportunity = await db.Opportunities.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (opportunity is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(opportunity, version)) return ETags.Stale();
        if (opportunity.Source == "community" && request.ChangesDirectoryDetails(opportunity))
        {
            return Problems.Refused("Kept from the directory.",
                "The host organisation, 地区, capacity and paid flag of this opportunity come from CommunityResources' directory; change them there.");
        }

        if (opportunity.Source == "local") request.ApplyDirectoryDetails(opportunity);
        request.ApplyLocalDetails(opportunity, clock.GetUtcNow());
        db.AuditEntries.Add(AuditEntry.For(http, "update", "opportunity", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, opportunity.Version);
        return TypedResults.Ok(OpportunityResponse.From(opportunity));
    }
}
