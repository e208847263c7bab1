using System.ComponentModel.DataAnnotations;
using Jusou.Intake.Codes;
using Jusou.Intake.Persons;

namespace Jusou.Intake.Households;

public sealed record HouseholdMemberRequest(Guid PersonId, string Relationship);

public sealed record HouseholdRequest(
    string? HouseholdType = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    IReadOnlyList<HouseholdMemberRequest>? Members = null)
{
    public const int MaxMembers = 30;

    public async Task<Validation> ValidateAsync(IntakeDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var members = Members ?? [];
        var validation = new Validation().Limits(this)
            .OneOf("householdType", HouseholdType, IntakeCodes.HouseholdTypes);
        if (members.Count > MaxMembers) validation.Add("members", $"A household has at most {MaxMembers} members.");
        if (members.Select(m => m.PersonId).Distinct().Count() != members.Count) validation.Add("members", "A person appears twice.");
        for (var i = 0; i < members.Count; i++)
        {
            validation.Require($"members[{i}].relationship", members[i].Relationship)
                .OneOf($"members[{i}].relationship", members[i].Relationship, IntakeCodes.Relationships);
        }
        var ids = members.Select(m => m.PersonId).ToList();
        var known = await db.Persons.VisibleTo(db, user).Where(p => ids.Contains(p.Id) && p.Status == IntakeCodes.PersonStatus.Active).Select(p => p.Id).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(known)) validation.Add("members", $"No active person {missing}.");
        return validation;
    }
}

public sealed record HouseholdResponse(Guid Id, string? HouseholdType, string? DistrictCode, IReadOnlyList<HouseholdMemberRequest> Members)
{
    public static HouseholdResponse From(Household h) => new(h.Id, h.HouseholdType, h.DistrictCode,
        h.Members.OrderBy(m => m.PersonId).Select(m => new HouseholdMemberRequest(m.PersonId, m.Relationship)).ToList());
}

public static class HouseholdEndpoints
{
    public static void MapHouseholds(this IEndpointRouteBuilder api)
    {
        var households = api.MapGroup("/households").WithTags("Households (世帯)").RequireRoles(PersonEndpoints.Users);
        households.MapPost("/", Create).WithIdempotency<IntakeDbContext>()
            .WithName("CreateHousehold").WithSummary("Record a household: 世帯類型, 地区 and members with their 続柄.");
        households.MapGet("/{id:guid}", Get).WithName("GetHousehold").WithSummary("Read one household (ETag = version).");
        households.MapPut("/{id:guid}", Update).RequiresIfMatch().WithName("UpdateHousehold").WithSummary("Replace a household's type, 地区 and members; needs If-Match.");
    }

    private static async Task<Results<Created<HouseholdResponse>, ValidationProblem>> Create(
        HouseholdRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await request.ValidateAsync(db, http.User, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var household = new Household
        {
            HouseholdType = request.HouseholdType,
            DistrictCode = request.DistrictCode,
            CreatedAt = clock.GetUtcNow(),
        };
        household.Members.AddRange((request.Members ?? []).Select(m => new HouseholdMember { HouseholdId = household.Id, PersonId = m.PersonId, Relationship = m.Relationship }));
        db.Households.Add(household);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "household", household.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, household.Version);
        return TypedResults.Created($"/api/intake/households/{household.Id}", HouseholdResponse.From(household));
    }

    private static async Task<Results<Ok<HouseholdResponse>, NotFound>> Get(Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "household", id, household.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(HouseholdResponse.From(household));
    }

    private static async Task<Results<Ok<HouseholdResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, HouseholdRequest request, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var household = await db.Households.Include(h => h.Members).FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (household is null) return TypedResults.NotFound();
        var validation = await request.ValidateAsync(db, http.User, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        if (!db.IsAtVersion(household, version)) return ETags.Stale();
        household.HouseholdType = request.HouseholdType;
        household.DistrictCode = request.DistrictCode;
        var wanted = (request.Members ?? []).ToDictionary(m => m.PersonId, m => m.Relationship);
        household.Members.RemoveAll(m => !wanted.ContainsKey(m.PersonId));
        foreach (var member in household.Members) member.Relationship = wanted[member.PersonId];
        household.Members.AddRange(wanted.Where(w => household.Members.All(m => m.PersonId != w.Key))
            .Select(w => new HouseholdMember { HouseholdId = household.Id, PersonId = w.Key, Relationship = w.Value }));
        // Members are child rows: touch the household row itself so its version moves and guards the whole.
        db.Entry(household).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "update", "household", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, household.Version);
        return TypedResults.Ok(HouseholdResponse.From(household));
    }
}
