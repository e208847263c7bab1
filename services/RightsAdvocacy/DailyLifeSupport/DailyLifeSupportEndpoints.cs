using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.DailyLifeSupport;

public sealed record ContractRequest(
    IReadOnlyList<string> Services,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string Specialist,
    DateOnly? ContractedOn = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? SupportWorker = null,
    DateOnly? NextReviewOn = null,
    Guid? PersonId = null,
    Guid? SupportCaseId = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? PersonName = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("specialist", string.IsNullOrWhiteSpace(Specialist) ? null : Specialist)
            .Plausible("contractedOn", ContractedOn).NotAfterToday("contractedOn", ContractedOn, today);
        DailyLifeSupportEndpoints.ValidateServices(validation, "services", Services);
        if (NextReviewOn < (ContractedOn ?? today)) validation.Add("nextReviewOn", "nextReviewOn cannot be before the contract.");
        return validation;
    }
}

/// <summary>Changes to an active contract; a field left out (null) stays as it is. Status moves by reviews.</summary>
public sealed record ContractPatch(
    IReadOnlyList<string>? Services = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? Specialist = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? SupportWorker = null,
    DateOnly? NextReviewOn = null,
    Guid? PersonId = null,
    Guid? SupportCaseId = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? PersonName = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this);
        if (Specialist is not null && string.IsNullOrWhiteSpace(Specialist)) validation.Add("specialist", "specialist cannot be blank.");
        if (Services is not null) DailyLifeSupportEndpoints.ValidateServices(validation, "services", Services);
        return validation;
    }
}

public sealed record VisitRequest(
    DateOnly? On,
    string By,
    IReadOnlyList<string>? Services = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Note = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("on", On).Plausible("on", On).NotAfterToday("on", On, today)
            .Require("by", By).OneOf("by", By, RightsCodes.VisitBy);
        foreach (var service in Services ?? []) validation.OneOf("services", service, RightsCodes.DailyLifeServices);
        return validation;
    }
}

/// <summary>
/// 契約の見直し. "change" replaces the services; "transfer_to_guardianship" ends the contract and opens a guardianship
/// matter (of <see cref="MatterType"/> when already known).
/// </summary>
public sealed record ReviewRequest(DateOnly? On, string Outcome, DateOnly? NextReviewOn = null, IReadOnlyList<string>? Services = null,
    string? MatterType = null, [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Note = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("on", On).Plausible("on", On).NotAfterToday("on", On, today)
            .Require("outcome", Outcome).OneOf("outcome", Outcome, RightsCodes.ReviewOutcomes)
            .OneOf("matterType", MatterType, RightsCodes.MatterTypes);
        if (Outcome == "change")
        {
            if (Services is null) validation.Add("services", "A change says which services go on.");
            else DailyLifeSupportEndpoints.ValidateServices(validation, "services", Services);
        }
        else if (Services is not null) validation.Add("services", "Services change only with the outcome change.");
        if (MatterType is not null && Outcome != "transfer_to_guardianship") validation.Add("matterType", "A matter type only goes with a transfer to guardianship.");
        if (NextReviewOn is not null && Outcome is "end" or "transfer_to_guardianship") validation.Add("nextReviewOn", "An ended contract has no next review.");
        if (NextReviewOn < On) validation.Add("nextReviewOn", "nextReviewOn cannot be before the review.");
        return validation;
    }
}

public sealed record VisitResponse(Guid Id, DateOnly On, string By, IReadOnlyList<string> Services, string? Note, string RecordedBy);
public sealed record ReviewResponse(Guid Id, DateOnly On, string Outcome, string? Note, string RecordedBy);

public sealed record ContractResponse(
    Guid Id, Guid? PersonId, Guid? SupportCaseId, string? PersonName, IReadOnlyList<string> Services, string Specialist, string? SupportWorker,
    DateOnly ContractedOn, DateOnly? NextReviewOn, string Status, DateOnly? EndedOn, Guid? TransferredToMatterId, string? Notes,
    string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? SupportCaseClosedAt, IReadOnlyList<VisitResponse> Visits,
    IReadOnlyList<ReviewResponse> Reviews)
{
    public static ContractResponse From(DailyLifeSupportContract c) => new(c.Id, c.PersonId, c.SupportCaseId, c.PersonName, c.Services,
        c.Specialist, c.SupportWorker, c.ContractedOn, c.NextReviewOn, c.Status, c.EndedOn, c.TransferredToMatterId, c.Notes, c.RecordedBy,
        c.RecordedAt, c.SupportCaseClosedAt,
        c.Visits.OrderBy(v => v.On).ThenBy(v => v.Id).Select(v => new VisitResponse(v.Id, v.On, v.By, v.Services, v.Note, v.RecordedBy)).ToList(),
        c.Reviews.OrderBy(r => r.On).ThenBy(r => r.Id).Select(r => new ReviewResponse(r.Id, r.On, r.Outcome, r.Note, r.RecordedBy)).ToList());
}

public static class DailyLifeSupportEndpoints
{
    public const string MatterSource = "daily_life_support";

    public static void MapDailyLifeSupport(this IEndpointRouteBuilder api)
    {
        var contracts = api.MapGroup("/daily-life-support/contracts").WithTags("日常生活自立支援事業").RequireRoles(MatterEndpoints.Readers);

        contracts.MapPost("/", Sign).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("SignDailyLifeSupportContract").WithSummary("Record a signed 日常生活自立支援事業 contract: services, 専門員, 生活支援員.");
        contracts.MapGet("/", List).WithName("ListDailyLifeSupportContracts").WithSummary("Contracts, oldest first; filter by status or person.");
        contracts.MapGet("/{id:guid}", Get).WithName("GetDailyLifeSupportContract").WithSummary("One contract with its visits and reviews (ETag = version).");
        contracts.MapPatch("/{id:guid}", Change).RequiresIfMatch().RequireRoles(MatterEndpoints.Writers)
            .WithName("ChangeDailyLifeSupportContract").WithSummary("Change an active contract's services, staff, next review or notes; needs If-Match.");
        contracts.MapPost("/{id:guid}/visits", RecordVisit).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("RecordDailyLifeSupportVisit").WithSummary("Log a visit by the 生活支援員 or 専門員.");
        contracts.MapPost("/{id:guid}/reviews", Review).RequiresIfMatch().WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("ReviewDailyLifeSupportContract")
            .WithSummary("契約の見直し: continue, change services, end, or transfer to guardianship (opens a matter); needs If-Match.");
    }

    internal static void ValidateServices(Validation validation, string field, IReadOnlyList<string>? services)
    {
        if (services is null || services.Count == 0)
        {
            validation.Add(field, "Name at least one service.");
            return;
        }
        foreach (var service in services) validation.OneOf(field, service, RightsCodes.DailyLifeServices);
        if (services.Distinct().Count() != services.Count) validation.Add(field, "A service appears twice.");
    }

    private static async Task<Results<Created<ContractResponse>, ValidationProblem>> Sign(
        ContractRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = JapanDate.Today(clock);
        var validation = request.Validate(today);
        await validation.CheckGaiji(db, "personName", request.PersonName, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var now = clock.GetUtcNow();
        var contract = new DailyLifeSupportContract
        {
            PersonId = request.PersonId,
            SupportCaseId = request.SupportCaseId,
            PersonName = Validation.PersonName(request.PersonName),
            Services = request.Services.ToList(),
            Specialist = Validation.Normalize(request.Specialist.Trim())!,
            SupportWorker = Validation.Normalize(request.SupportWorker?.Trim()),
            ContractedOn = request.ContractedOn ?? today,
            NextReviewOn = request.NextReviewOn,
            Notes = Validation.Normalize(request.Notes),
            RecordedBy = http.User.SubjectId(),
            RecordedAt = now,
        };
        db.DailyLifeSupportContracts.Add(contract);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "daily_life_support_contract", contract.Id));
        db.Publish(Changed(contract, now, db.Tenant.Required, contract.ContractedOn));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, contract.Version);
        return TypedResults.Created($"/api/rights/daily-life-support/contracts/{contract.Id}", ContractResponse.From(contract));
    }

    private static async Task<Results<Ok<Page<ContractResponse>>, ValidationProblem>> List(
        RightsAdvocacyDbContext db, HttpContext http, string? status, Guid? personId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation().OneOf("status", status, RightsCodes.ContractStatuses);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);
        var query = Contracts(db).AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        if (personId is { } person) query = query.Where(c => c.PersonId == person);
        var rows = await query.PageOf(page, c => c.Id).ToListAsync(cancellationToken);

        var result = page.ToPage(rows, c => c.Id, ContractResponse.From);
        await db.AuditReadsAsync(http, "search", "daily_life_support_contract", result.Items.Select(c => c.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ContractResponse>, NotFound>> Get(Guid id, RightsAdvocacyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var contract = await Contracts(db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "daily_life_support_contract", id, contract.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(ContractResponse.From(contract));
    }

    private static async Task<Results<Ok<ContractResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, ContractPatch patch, RightsAdvocacyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = patch.Validate();
        await validation.CheckGaiji(db, "personName", patch.PersonName, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var contract = await Contracts(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null) return TypedResults.NotFound();
        if (contract.Status != RightsCodes.ContractStatus.Active) return Problems.Conflict($"The contract is {contract.Status}.");
        if (patch.NextReviewOn < contract.ContractedOn)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nextReviewOn"] = ["nextReviewOn cannot be before the contract."] });
        }

        if (!db.IsAtVersion(contract, version)) return ETags.Stale();
        if (patch.Services is not null) contract.Services = patch.Services.ToList();
        if (patch.Specialist is not null) contract.Specialist = Validation.Normalize(patch.Specialist.Trim())!;
        if (patch.SupportWorker is not null) contract.SupportWorker = Validation.Normalize(patch.SupportWorker.Trim());
        if (patch.NextReviewOn is not null) contract.NextReviewOn = patch.NextReviewOn;
        if (patch.PersonId is not null) contract.PersonId = patch.PersonId;
        if (patch.SupportCaseId is not null) contract.SupportCaseId = patch.SupportCaseId;
        if (patch.PersonName is not null) contract.PersonName = Validation.PersonName(patch.PersonName);
        if (patch.Notes is not null) contract.Notes = Validation.Normalize(patch.Notes);
        db.Entry(contract).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "update", "daily_life_support_contract", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, contract.Version);
        return TypedResults.Ok(ContractResponse.From(contract));
    }

    private static async Task<Results<Created<VisitResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordVisit(
        Guid id, VisitRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var contract = await Contracts(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null) return TypedResults.NotFound();
        if (contract.Status != RightsCodes.ContractStatus.Active) return Problems.Conflict($"The contract is {contract.Status}; visits end with it.");
        var on = request.On!.Value;
        if (on < contract.ContractedOn) return Problems.Refused("Dates go in order.", $"The contract began on {contract.ContractedOn:yyyy-MM-dd}.");
        var services = (request.Services ?? []).Distinct().ToList();
        if (services.Except(contract.Services).ToList() is { Count: > 0 } outside)
        {
            return Problems.Refused("Outside the contract.", $"The contract does not cover {string.Join(", ", outside)}.");
        }

        var visit = new DailyLifeSupportVisit
        {
            ContractId = id, On = on, By = request.By, Services = services, Note = Validation.Normalize(request.Note), RecordedBy = http.User.SubjectId(),
        };
        contract.Visits.Add(visit);
        db.Entry(contract).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "visit", "daily_life_support_contract", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The contract changed meanwhile; read it again.");
        ETags.Set(http, contract.Version);
        return TypedResults.Created($"/api/rights/daily-life-support/contracts/{id}",
            new VisitResponse(visit.Id, visit.On, visit.By, visit.Services, visit.Note, visit.RecordedBy));
    }

    private static async Task<Results<Created<ContractResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Review(
        Guid id, ReviewRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var contract = await Contracts(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null) return TypedResults.NotFound();
        if (!version.Matches(contract.Version)) return ETags.Stale();
        if (contract.Status != RightsCodes.ContractStatus.Active) return Problems.Conflict($"The contract is {contract.Status}.");
        var on = request.On!.Value;
        var since = contract.Reviews.Select(r => r.On).Append(contract.ContractedOn).Max();
        if (on < since) return Problems.Refused("Dates go in order.", $"The last review or the contract is dated {since:yyyy-MM-dd}.");

        var now = clock.GetUtcNow();
        contract.Reviews.Add(new DailyLifeSupportReview
        {
            ContractId = id, On = on, Outcome = request.Outcome, Note = Validation.Normalize(request.Note), RecordedBy = http.User.SubjectId(),
        });
        switch (request.Outcome)
        {
            case "continue":
                contract.NextReviewOn = request.NextReviewOn ?? contract.NextReviewOn;
                break;
            case "change":
                contract.Services = request.Services!.ToList();
                contract.NextReviewOn = request.NextReviewOn ?? contract.NextReviewOn;
                break;
            case "end":
                contract.Status = RightsCodes.ContractStatus.Ended;
                contract.EndedOn = on;
                contract.NextReviewOn = null;
                break;
            case "transfer_to_guardianship":
                // Capacity fell further: the person is handed on to the 中核機関 as a guardianship matter at 相談.
                var matter = GuardianshipMatter.Open(on, MatterSource, contract.Id, http.User.OrganisationCode(), http.User.SubjectId(), now);
                matter.Type = request.MatterType ?? "undecided";
                matter.PersonId = contract.PersonId;
                matter.SupportCaseId = contract.SupportCaseId;
                matter.PersonName = contract.PersonName;
                db.Matters.Add(matter);
                db.AuditEntries.Add(AuditEntry.For(http, "create", "guardianship_matter", matter.Id));
                db.Publish(matter.Opened(now, db.Tenant.Required));
                contract.Status = RightsCodes.ContractStatus.Transferred;
                contract.EndedOn = on;
                contract.NextReviewOn = null;
                contract.TransferredToMatterId = matter.Id;
                break;
        }
        db.Entry(contract).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "review", "daily_life_support_contract", id));
        db.Publish(Changed(contract, now, db.Tenant.Required, on));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, contract.Version);
        return TypedResults.Created($"/api/rights/daily-life-support/contracts/{id}", ContractResponse.From(contract));
    }

    private static DailyLifeSupportContractChanged Changed(DailyLifeSupportContract contract, DateTimeOffset at, string tenant, DateOnly on) =>
        new(Guid.CreateVersion7(), at, tenant, contract.Id, contract.SupportCaseId, contract.Status, on);

    internal static IQueryable<DailyLifeSupportContract> Contracts(RightsAdvocacyDbContext db) =>
        db.DailyLifeSupportContracts.Include(c => c.Visits).Include(c => c.Reviews).AsSplitQuery();
}
