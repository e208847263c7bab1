using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.CitizenGuardians;

public sealed record CitizenGuardianRequest(
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string Name,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? NameKana = null,
    DateOnly? RegisteredOn = null,
    DateOnly? TrainingCompletedOn = null,
    bool? Available = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate(DateOnly today) => new Validation().Limits(this)
        .Require("name", string.IsNullOrWhiteSpace(Name) ? null : Name)
        .Plausible("registeredOn", RegisteredOn).NotAfterToday("registeredOn", RegisteredOn, today)
        .Plausible("trainingCompletedOn", TrainingCompletedOn).NotAfterToday("trainingCompletedOn", TrainingCompletedOn, today);
}

/// <summary>Changes to a registry entry; a field left out (null) stays as it is.</summary>
public sealed record CitizenGuardianPatch(
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? Name = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? NameKana = null,
    DateOnly? TrainingCompletedOn = null,
    bool? Available = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Plausible("trainingCompletedOn", TrainingCompletedOn).NotAfterToday("trainingCompletedOn", TrainingCompletedOn, today);
        if (Name is not null && string.IsNullOrWhiteSpace(Name)) validation.Add("name", "name cannot be blank.");
        return validation;
    }
}

public sealed record TrainingRequest(string Kind, DateOnly? On, [property: MaxLength(TrainingRequest.TitleMaxLength)] string? Title = null)
{
    public const int TitleMaxLength = 200;

    public Validation Validate(DateOnly today) => new Validation().Limits(this)
        .Require("kind", Kind).OneOf("kind", Kind, RightsCodes.TrainingKinds)
        .Require("on", On).Plausible("on", On).NotAfterToday("on", On, today);
}

public sealed record SupportRequest(
    string Kind,
    DateOnly? On,
    Guid? MatterId = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Note = null)
{
    public Validation Validate(DateOnly today) => new Validation().Limits(this)
        .Require("kind", Kind).OneOf("kind", Kind, RightsCodes.CitizenGuardianSupportKinds)
        .Require("on", On).Plausible("on", On).NotAfterToday("on", On, today);
}

public sealed record TrainingResponse(Guid Id, string Kind, DateOnly On, string? Title);
public sealed record SupportResponse(Guid Id, string Kind, DateOnly On, Guid? MatterId, string? Note, string RecordedBy);
public sealed record AssignmentResponse(Guid MatterId, Guid GuardianId, string MatterStage, DateOnly AppointedOn);

public sealed record CitizenGuardianResponse(
    Guid Id, string Name, string? NameKana, DateOnly RegisteredOn, DateOnly? TrainingCompletedOn, bool Available, string? Notes,
    IReadOnlyList<TrainingResponse> Trainings, IReadOnlyList<SupportResponse> Supports, IReadOnlyList<AssignmentResponse> CurrentAssignments)
{
    public static CitizenGuardianResponse From(CitizenGuardian c, IEnumerable<AssignmentResponse> assignments) => new(c.Id, c.Name, c.NameKana,
        c.RegisteredOn, c.TrainingCompletedOn, c.Available, c.Notes,
        c.Trainings.OrderBy(t => t.On).ThenBy(t => t.Id).Select(t => new TrainingResponse(t.Id, t.Kind, t.On, t.Title)).ToList(),
        c.Supports.OrderBy(s => s.On).ThenBy(s => s.Id).Select(s => new SupportResponse(s.Id, s.Kind, s.On, s.MatterId, s.Note, s.RecordedBy)).ToList(),
        assignments.OrderBy(a => a.AppointedOn).ThenBy(a => a.GuardianId).ToList());
}

public static class CitizenGuardianEndpoints
{
    public static void MapCitizenGuardians(this IEndpointRouteBuilder api)
    {
        var registry = api.MapGroup("/citizen-guardians").WithTags("市民後見人 registry").RequireRoles(MatterEndpoints.Readers);

        registry.MapPost("/", Register).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("RegisterCitizenGuardian").WithSummary("Register a 市民後見人 (養成研修 completed or still in training).");
        registry.MapGet("/", List).WithName("ListCitizenGuardians")
            .WithSummary("The registry, oldest first; ?available=true for those who can take a matter, ?trained=true for 養成研修 修了者.");
        registry.MapGet("/{id:guid}", Get).WithName("GetCitizenGuardian")
            .WithSummary("One 市民後見人 with trainings, 中核機関 support and current assignments (ETag = version).");
        registry.MapPatch("/{id:guid}", Change).RequiresIfMatch().RequireRoles(MatterEndpoints.Writers)
            .WithName("ChangeCitizenGuardian").WithSummary("Change name, 養成研修 修了日, availability or notes; needs If-Match.");
        registry.MapPost("/{id:guid}/trainings", RecordTraining).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("RecordCitizenGuardianTraining").WithSummary("Record a training: the 養成研修 (sets its completion date) or a フォローアップ研修.");
        registry.MapPost("/{id:guid}/supports", RecordSupport).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(MatterEndpoints.Writers)
            .WithName("RecordCitizenGuardianSupport").WithSummary("Record support the 中核機関 gave the 市民後見人.");
    }

    private static async Task<Results<Created<CitizenGuardianResponse>, ValidationProblem>> Register(
        CitizenGuardianRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = JapanDate.Today(clock);
        var validation = request.Validate(today);
        await validation.CheckGaiji(db, "name", request.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", request.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var citizen = new CitizenGuardian
        {
            Name = Validation.PersonName(request.Name)!,
            NameKana = Validation.PersonName(request.NameKana),
            RegisteredOn = request.RegisteredOn ?? today,
            TrainingCompletedOn = request.TrainingCompletedOn,
            // Someone who finished the training is ready unless said otherwise; someone still training is not.
            Available = request.Available ?? request.TrainingCompletedOn is not null,
            Notes = Validation.Normalize(request.Notes),
        };
        if (request.TrainingCompletedOn is { } completed)
        {
            citizen.Trainings.Add(new CitizenGuardianTraining { CitizenGuardianId = citizen.Id, Kind = "foundation", On = completed });
        }
        db.CitizenGuardians.Add(citizen);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "citizen_guardian", citizen.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, citizen.Version);
        return TypedResults.Created($"/api/rights/citizen-guardians/{citizen.Id}", CitizenGuardianResponse.From(citizen, []));
    }

    private static async Task<Results<Ok<Page<CitizenGuardianResponse>>, ValidationProblem>> List(
        RightsAdvocacyDbContext db, HttpContext http, bool? available, bool? trained, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.CitizenGuardians.AsNoTracking().Include(c => c.Trainings).Include(c => c.Supports).AsSplitQuery();
        if (available is { } isAvailable) query = query.Where(c => c.Available == isAvailable);
        if (trained is { } isTrained) query = query.Where(c => (c.TrainingCompletedOn != null) == isTrained);
        var rows = await query.PageOf(page, c => c.Id).ToListAsync(cancellationToken);
        var ids = rows.Select(c => c.Id).ToList();
        var assignments = (await CurrentAssignments(db, ids, cancellationToken)).ToLookup(a => a.CitizenGuardianId, a => a.Assignment);

        var result = page.ToPage(rows, c => c.Id, c => CitizenGuardianResponse.From(c, assignments[c.Id]));
        await db.AuditReadsAsync(http, "search", "citizen_guardian", result.Items.Select(c => c.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<CitizenGuardianResponse>, NotFound>> Get(
        Guid id, RightsAdvocacyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var citizen = await Load(db, id, cancellationToken);
        if (citizen is null) return TypedResults.NotFound();
        var assignments = await CurrentAssignments(db, [id], cancellationToken);
        await db.AuditReadAsync(http, "citizen_guardian", id, citizen.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(CitizenGuardianResponse.From(citizen, assignments.Select(a => a.Assignment)));
    }

    private static async Task<Results<Ok<CitizenGuardianResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, CitizenGuardianPatch patch, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = patch.Validate(JapanDate.Today(clock));
        await validation.CheckGaiji(db, "name", patch.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", patch.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var citizen = await Load(db, id, cancellationToken);
        if (citizen is null) return TypedResults.NotFound();

        if (!db.IsAtVersion(citizen, version)) return ETags.Stale();
        if (patch.Name is not null) citizen.Name = Validation.PersonName(patch.Name)!;
        if (patch.NameKana is not null) citizen.NameKana = Validation.PersonName(patch.NameKana);
        if (patch.TrainingCompletedOn is not null) citizen.TrainingCompletedOn = patch.TrainingCompletedOn;
        if (patch.Available is not null) citizen.Available = patch.Available.Value;
        if (patch.Notes is not null) citizen.Notes = Validation.Normalize(patch.Notes);
        db.Entry(citizen).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "update", "citizen_guardian", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        var assignments = await CurrentAssignments(db, [id], cancellationToken);
        ETags.Set(http, citizen.Version);
        return TypedResults.Ok(CitizenGuardianResponse.From(citizen, assignments.Select(a => a.Assignment)));
    }

    private static async Task<Results<Created<TrainingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordTraining(
        Guid id, TrainingRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var citizen = await Load(db, id, cancellationToken);
        if (citizen is null) return TypedResults.NotFound();
        var on = request.On!.Value;
        if (request.Kind == "follow_up" && (citizen.TrainingCompletedOn is not { } completed || on < completed))
        {
            return Problems.Refused("Foundation training first.", "A フォローアップ研修 follows the completed 養成研修.");
        }

        var training = new CitizenGuardianTraining { CitizenGuardianId = id, Kind = request.Kind, On = on, Title = Validation.Normalize(request.Title) };
        citizen.Trainings.Add(training);
        if (request.Kind == "foundation" && citizen.TrainingCompletedOn is null)
        {
            citizen.TrainingCompletedOn = on;
            citizen.Available = true;
        }
        db.Entry(citizen).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "training", "citizen_guardian", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The entry changed meanwhile; read it again.");
        ETags.Set(http, citizen.Version);
        return TypedResults.Created($"/api/rights/citizen-guardians/{id}", new TrainingResponse(training.Id, training.Kind, training.On, training.Title));
    }

    private static async Task<Results<Created<SupportResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordSupport(
        Guid id, SupportRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var citizen = await Load(db, id, cancellationToken);
        if (citizen is null) return TypedResults.NotFound();
        if (request.MatterId is { } matterId && !await db.Matters.AnyAsync(m => m.Id == matterId, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["matterId"] = [$"No matter {matterId}."] });
        }

        var support = new CitizenGuardianSupport
        {
            CitizenGuardianId = id, Kind = request.Kind, On = request.On!.Value, MatterId = request.MatterId,
            Note = Validation.Normalize(request.Note), RecordedBy = http.User.SubjectId(),
        };
        citizen.Supports.Add(support);
        db.Entry(citizen).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "support", "citizen_guardian", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The entry changed meanwhile; read it again.");
        ETags.Set(http, citizen.Version);
        return TypedResults.Created($"/api/rights/citizen-guardians/{id}",
            new SupportResponse(support.Id, support.Kind, support.On, support.MatterId, support.Note, support.RecordedBy));
    }

    private static Task<CitizenGuardian?> Load(RightsAdvocacyDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.CitizenGuardians.Include(c => c.Trainings).Include(c => c.Supports).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Guardians still in office that point at these 市民後見人 (read through the matters, which carry the tenant).</summary>
    private static async Task<List<(Guid CitizenGuardianId, AssignmentResponse Assignment)>> CurrentAssignments(
        RightsAdvocacyDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Matters.AsNoTracking()
            .SelectMany(m => m.Guardians.Where(g => g.EndedOn == null && g.CitizenGuardianId != null && ids.Contains(g.CitizenGuardianId!.Value)),
                (m, g) => new { CitizenGuardianId = g.CitizenGuardianId!.Value, m.Id, GuardianId = g.Id, m.Stage, g.AppointedOn })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.CitizenGuardianId, new AssignmentResponse(r.Id, r.GuardianId, r.Stage, r.AppointedOn))).ToList();
    }
}
