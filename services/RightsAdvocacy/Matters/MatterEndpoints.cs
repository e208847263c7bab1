using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.RightsAdvocacy.Codes;

namespace Jusou.RightsAdvocacy.Matters;

/// <summary>A matter opened directly at the 中核機関 (not from a plan or a referral).</summary>
public sealed record MatterRequest(
    string? Type = null,
    string? Petitioner = null,
    DateOnly? OpenedOn = null,
    Guid? PersonId = null,
    Guid? SupportCaseId = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? PersonName = null,
    [property: MaxLength(GuardianshipMatter.CourtMaxLength)] string? Court = null,
    [property: MaxLength(GuardianshipMatter.CaseNumberMaxLength)] string? CaseNumber = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate(DateOnly today) => new Validation().Limits(this)
        .OneOf("type", Type, RightsCodes.MatterTypes)
        .OneOf("petitioner", Petitioner, RightsCodes.Petitioners)
        .Plausible("openedOn", OpenedOn)
        .NotAfterToday("openedOn", OpenedOn, today);
}

/// <summary>Changes to a matter's particulars; a field left out (null) stays as it is. Stages move by stage changes.</summary>
public sealed record MatterPatch(
    string? Type = null,
    string? Petitioner = null,
    Guid? PersonId = null,
    Guid? SupportCaseId = null,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? PersonName = null,
    [property: MaxLength(GuardianshipMatter.CourtMaxLength)] string? Court = null,
    [property: MaxLength(GuardianshipMatter.CaseNumberMaxLength)] string? CaseNumber = null,
    [property: MaxLength(GuardianshipMatter.NotesMaxLength)] string? Notes = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .OneOf("type", Type, RightsCodes.MatterTypes)
        .OneOf("petitioner", Petitioner, RightsCodes.Petitioners);
}

/// <summary>A move to the next stage on the date it happened (申立日, 審判日, 開始日 …); court and case number may come with it.</summary>
public sealed record StageChangeRequest(
    string Stage,
    DateOnly? On,
    [property: MaxLength(GuardianshipMatter.CourtMaxLength)] string? Court = null,
    [property: MaxLength(GuardianshipMatter.CaseNumberMaxLength)] string? CaseNumber = null,
    string? EndReason = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("stage", Stage)
            .OneOf("stage", Stage, RightsCodes.Stages)
            .Require("on", On)
            .Plausible("on", On)
            .NotAfterToday("on", On, today)
            .OneOf("endReason", EndReason, RightsCodes.EndReasons);
        if (Stage == MatterStages.Consultation) validation.Add("stage", "A matter starts at consultation; it cannot move there.");
        if (Stage == MatterStages.Ended && EndReason is null) validation.Add("endReason", "Say why the matter ended.");
        if (Stage != MatterStages.Ended && EndReason is not null) validation.Add("endReason", "An end reason only goes with the stage ended.");
        return validation;
    }
}

public sealed record GuardianRequest(
    string Kind,
    DateOnly? AppointedOn,
    [property: MaxLength(GuardianshipMatter.NameMaxLength)] string? Name = null,
    string? Profession = null,
    Guid? CitizenGuardianId = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind)
            .OneOf("kind", Kind, RightsCodes.GuardianKinds)
            .Require("appointedOn", AppointedOn)
            .Plausible("appointedOn", AppointedOn)
            .NotAfterToday("appointedOn", AppointedOn, today)
            .OneOf("profession", Profession, RightsCodes.Professions);
        if (Kind == "citizen")
        {
            validation.Require("citizenGuardianId", CitizenGuardianId);
            if (Name is not null) validation.Add("name", "A 市民後見人's name comes from the registry.");
        }
        else
        {
            validation.Require("name", string.IsNullOrWhiteSpace(Name) ? null : Name);
            if (CitizenGuardianId is not null) validation.Add("citizenGuardianId", "Only a citizen guardian comes from the registry.");
        }
        if (Profession is not null && Kind != "professional") validation.Add("profession", "Only a professional guardian has a profession.");
        return validation;
    }
}

public sealed record GuardianEndRequest(DateOnly? EndedOn)
{
    public Validation Validate(DateOnly today) => new Validation()
        .Require("endedOn", EndedOn).Plausible("endedOn", EndedOn).NotAfterToday("endedOn", EndedOn, today);
}

public sealed record FeeSubsidyRequest(DateOnly? AppliedOn, DateOnly? PeriodFrom, DateOnly? PeriodTo, int? RequestedYen)
{
    public const int MaxYen = 10_000_000;

    public Validation Validate(DateOnly today)
    {
        var validation = new Validation()
            .Require("appliedOn", AppliedOn).Plausible("appliedOn", AppliedOn).NotAfterToday("appliedOn", AppliedOn, today)
            .Require("periodFrom", PeriodFrom).Plausible("periodFrom", PeriodFrom)
            .Require("periodTo", PeriodTo)
            .Require("requestedYen", RequestedYen);
        if (PeriodFrom > PeriodTo) validation.Add("periodTo", "periodTo cannot be before periodFrom.");
        if (RequestedYen is < 1 or > MaxYen) validation.Add("requestedYen", $"requestedYen must be between 1 and {MaxYen}.");
        return validation;
    }
}

public sealed record FeeSubsidyDecision(string Status, DateOnly? DecidedOn, int? GrantedYen = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation()
            .Require("status", Status)
            .Require("decidedOn", DecidedOn).Plausible("decidedOn", DecidedOn).NotAfterToday("decidedOn", DecidedOn, today);
        if (Status is not ("granted" or "refused")) validation.Add("status", "status is granted or refused.");
        if (Status == RightsCodes.FeeSubsidyStatus.Granted && GrantedYen is null) validation.Add("grantedYen", "Say how much was granted.");
        if (Status != RightsCodes.FeeSubsidyStatus.Granted && GrantedYen is not null) validation.Add("grantedYen", "Only a grant has an amount.");
        if (GrantedYen is < 1 or > FeeSubsidyRequest.MaxYen) validation.Add("grantedYen", $"grantedYen must be between 1 and {FeeSubsidyRequest.MaxYen}.");
        return validation;
    }
}

public sealed record StageChangeResponse(string? FromStage, string Stage, DateOnly On, string RecordedBy, DateTimeOffset RecordedAt);

public sealed record GuardianResponse(Guid Id, string Kind, string Name, string? Profession, Guid? CitizenGuardianId, DateOnly AppointedOn, DateOnly? EndedOn)
{
    public static GuardianResponse From(MatterGuardian g) => new(g.Id, g.Kind, g.Name, g.Profession, g.CitizenGuardianId, g.AppointedOn, g.EndedOn);
}

public sealed record FeeSubsidyResponse(Guid Id, DateOnly AppliedOn, DateOnly PeriodFrom, DateOnly PeriodTo, int RequestedYen, string Status,
    DateOnly? DecidedOn, int? GrantedYen)
{
    public static FeeSubsidyResponse From(FeeSubsidyApplication f) =>
        new(f.Id, f.AppliedOn, f.PeriodFrom, f.PeriodTo, f.RequestedYen, f.Status, f.DecidedOn, f.GrantedYen);
}

public sealed record MatterResponse(
    Guid Id, string Type, string Petitioner, string Stage, DateOnly StageOn, DateOnly OpenedOn, Guid? PersonId, Guid? SupportCaseId,
    string? PersonName, string? Court, string? CaseNumber, string? EndReason, string? Notes, string Source, Guid? SourceId,
    string? OrganisationCode, string RecordedBy, DateTimeOffset RecordedAt, DateTimeOffset? SupportCaseClosedAt, IReadOnlyList<StageChangeResponse> StageChanges,
    IReadOnlyList<GuardianResponse> Guardians, IReadOnlyList<FeeSubsidyResponse> FeeSubsidies)
{
    public static MatterResponse From(GuardianshipMatter m) => new(m.Id, m.Type, m.Petitioner, m.Stage, m.StageOn, m.OpenedOn, m.PersonId,
        m.SupportCaseId, m.PersonName, m.Court, m.CaseNumber, m.EndReason, m.Notes, m.Source, m.SourceId, m.OrganisationCode, m.RecordedBy,
        m.RecordedAt, m.SupportCaseClosedAt,
        m.StageChanges.OrderBy(s => s.On).ThenBy(s => s.Id).Select(s => new StageChangeResponse(s.FromStage, s.Stage, s.On, s.RecordedBy, s.RecordedAt)).ToList(),
        m.Guardians.OrderBy(g => g.AppointedOn).ThenBy(g => g.Id).Select(GuardianResponse.From).ToList(),
        m.FeeSubsidies.OrderBy(f => f.AppliedOn).ThenBy(f => f.Id).Select(FeeSubsidyResponse.From).ToList());
}

public static class MatterEndpoints
{
    /// <summary>The 中核機関 and 社協 staff keep the records; coordinators and managers follow them.</summary>
    public static readonly string[] Readers = [JusouRoles.RightsStaff, JusouRoles.Coordinator, JusouRoles.Manager];
    public static readonly string[] Writers = [JusouRoles.RightsStaff];

    public static void MapMatters(this IEndpointRouteBuilder api)
    {
        var matters = api.MapGroup("/matters").WithTags("Guardianship matters (成年後見)").RequireRoles(Readers);

        matters.MapPost("/", Open).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(Writers)
            .WithName("OpenMatter").WithSummary("Open a guardianship matter at 相談 (directly; plans and referrals open theirs by event).");
        matters.MapGet("/", List).WithName("ListMatters").WithSummary("Matters, oldest first; filter by stage, type, petitioner, support case or person.");
        matters.MapGet("/{id:guid}", Get).WithName("GetMatter").WithSummary("One matter with its stages, guardians and 報酬助成 applications (ETag = version).");
        matters.MapPatch("/{id:guid}", Change).RequiresIfMatch().RequireRoles(Writers)
            .WithName("ChangeMatter").WithSummary("Change a matter's type, petitioner, court, case number, name or notes; needs If-Match.");
        matters.MapPost("/{id:guid}/stage-changes", MoveStage).RequiresIfMatch().WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(Writers)
            .WithName("ChangeMatterStage")
            .WithSummary("Move the matter to its next stage on a date (相談 → 申立準備 → 申立 → 審判 → 開始 → 定期報告 → 終了); needs If-Match.");
        matters.MapPost("/{id:guid}/guardians", Appoint).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(Writers)
            .WithName("AppointGuardian").WithSummary("Record a guardian the 審判 appointed (専門職, 親族, 市民後見人, 法人後見).");
        matters.MapPost("/{id:guid}/guardians/{guardianId:guid}/end", EndGuardian).RequireRoles(Writers)
            .WithName("EndGuardian").WithSummary("Record that a guardian left office (辞任, 解任, 交代).");
        matters.MapPost("/{id:guid}/fee-subsidies", ApplyForFeeSubsidy).WithIdempotency<RightsAdvocacyDbContext>().RequireRoles(Writers)
            .WithName("ApplyForFeeSubsidy").WithSummary("Record a 報酬助成 application for the guardian's fee.");
        matters.MapPost("/{id:guid}/fee-subsidies/{applicationId:guid}/decision", DecideFeeSubsidy).RequireRoles(Writers)
            .WithName("DecideFeeSubsidy").WithSummary("Record the decision on a 報酬助成 application (granted with the amount, or refused).");
    }

    private static async Task<Results<Created<MatterResponse>, ValidationProblem>> Open(
        MatterRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = JapanDate.Today(clock);
        var validation = request.Validate(today);
        await validation.CheckGaiji(db, "personName", request.PersonName, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var now = clock.GetUtcNow();
        var matter = GuardianshipMatter.Open(request.OpenedOn ?? today, "direct", null, http.User.OrganisationCode(), http.User.SubjectId(), now);
        matter.Type = request.Type ?? "undecided";
        matter.Petitioner = request.Petitioner ?? "undecided";
        matter.PersonId = request.PersonId;
        matter.SupportCaseId = request.SupportCaseId;
        matter.PersonName = Validation.PersonName(request.PersonName);
        matter.Court = Validation.Normalize(request.Court?.Trim());
        matter.CaseNumber = Validation.Normalize(request.CaseNumber?.Trim());
        matter.Notes = Validation.Normalize(request.Notes);
        db.Matters.Add(matter);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "guardianship_matter", matter.Id));
        db.Publish(matter.Opened(now, db.Tenant.Required));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, matter.Version);
        return TypedResults.Created($"/api/rights/matters/{matter.Id}", MatterResponse.From(matter));
    }

    private static async Task<Results<Ok<Page<MatterResponse>>, ValidationProblem>> List(
        RightsAdvocacyDbContext db, HttpContext http, string? stage, string? type, string? petitioner, Guid? supportCaseId, Guid? personId,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation()
            .OneOf("stage", stage, RightsCodes.Stages)
            .OneOf("type", type, RightsCodes.MatterTypes)
            .OneOf("petitioner", petitioner, RightsCodes.Petitioners);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);

        var query = Matters(db).AsNoTracking();
        if (stage is not null) query = query.Where(m => m.Stage == stage);
        if (type is not null) query = query.Where(m => m.Type == type);
        if (petitioner is not null) query = query.Where(m => m.Petitioner == petitioner);
        if (supportCaseId is { } caseId) query = query.Where(m => m.SupportCaseId == caseId);
        if (personId is { } person) query = query.Where(m => m.PersonId == person);
        var rows = await query.PageOf(page, m => m.Id).ToListAsync(cancellationToken);

        var result = page.ToPage(rows, m => m.Id, MatterResponse.From);
        await db.AuditReadsAsync(http, "search", "guardianship_matter", result.Items.Select(m => m.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<MatterResponse>, NotFound>> Get(Guid id, RightsAdvocacyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var matter = await Matters(db).AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "guardianship_matter", id, matter.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(MatterResponse.From(matter));
    }

    private static async Task<Results<Ok<MatterResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Change(
        Guid id, MatterPatch patch, RightsAdvocacyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = patch.Validate();
        await validation.CheckGaiji(db, "personName", patch.PersonName, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null) return TypedResults.NotFound();
        if (MatterStages.Reached(matter.Stage, MatterStages.Petitioned) && (patch.Type == "undecided" || patch.Petitioner == "undecided"))
        {
            return Problems.Refused("Type and petitioner are decided.", "Once petitioned, a matter's type and petitioner cannot go back to undecided.");
        }

        if (!db.IsAtVersion(matter, version)) return ETags.Stale();
        if (patch.Type is not null) matter.Type = patch.Type;
        if (patch.Petitioner is not null) matter.Petitioner = patch.Petitioner;
        if (patch.PersonId is not null) matter.PersonId = patch.PersonId;
        if (patch.SupportCaseId is not null) matter.SupportCaseId = patch.SupportCaseId;
        if (patch.PersonName is not null) matter.PersonName = Validation.PersonName(patch.PersonName);
        if (patch.Court is not null) matter.Court = Validation.Normalize(patch.Court.Trim());
        if (patch.CaseNumber is not null) matter.CaseNumber = Validation.Normalize(patch.CaseNumber.Trim());
        if (patch.Notes is not null) matter.Notes = Validation.Normalize(patch.Notes);
        db.Entry(matter).State = EntityState.Modified; // an empty patch still proves the caller had the current version
        db.AuditEntries.Add(AuditEntry.For(http, "update", "guardianship_matter", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, matter.Version);
        return TypedResults.Ok(MatterResponse.From(matter));
    }

    private static async Task<Results<Created<MatterResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveStage(
        Guid id, StageChangeRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null) return TypedResults.NotFound();
        if (!version.Matches(matter.Version)) return ETags.Stale();

        var on = request.On!.Value;
        if (!MatterStages.CanMove(matter.Stage, request.Stage))
        {
            return Problems.Refused("Stages go in order.", matter.Stage == MatterStages.Ended
                ? "The matter has ended."
                : $"A matter at {matter.Stage} moves next to {MatterStages.Next(matter.Stage)} (or ends), not to {request.Stage}.");
        }
        if (on < matter.StageOn)
        {
            return Problems.Refused("Dates go in order.",
                $"The matter reached {matter.Stage} on {matter.StageOn:yyyy-MM-dd}; the next stage cannot be dated {on:yyyy-MM-dd}.");
        }
        if (request.Stage == MatterStages.Petitioned && (matter.Type == "undecided" || matter.Petitioner == "undecided"))
        {
            return Problems.Refused("Type and petitioner first.", "A petition (申立) names its type (後見/保佐/補助/任意後見) and petitioner; set them first.");
        }

        var now = clock.GetUtcNow();
        var from = matter.Stage;
        matter.StageChanges.Add(new MatterStageChange
        {
            MatterId = matter.Id, FromStage = from, Stage = request.Stage, On = on, RecordedBy = http.User.SubjectId(), RecordedAt = now,
        });
        matter.Stage = request.Stage;
        matter.StageOn = on;
        if (request.Court is not null) matter.Court = Validation.Normalize(request.Court.Trim());
        if (request.CaseNumber is not null) matter.CaseNumber = Validation.Normalize(request.CaseNumber.Trim());
        if (request.Stage == MatterStages.Ended)
        {
            matter.EndReason = request.EndReason;
            foreach (var guardian in matter.Guardians.Where(g => g.EndedOn is null)) guardian.EndedOn = on;
        }
        db.AuditEntries.Add(AuditEntry.For(http, "stage_change", "guardianship_matter", id));
        db.Publish(new GuardianshipStageChanged(Guid.CreateVersion7(), now, db.Tenant.Required, matter.Id, matter.SupportCaseId, from, request.Stage, on));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, matter.Version);
        return TypedResults.Created($"/api/rights/matters/{matter.Id}", MatterResponse.From(matter));
    }

    private static async Task<Results<Created<GuardianResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Appoint(
        Guid id, GuardianRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null) return TypedResults.NotFound();

        var name = Validation.Normalize(request.Name?.Trim()) ?? "";
        if (request.CitizenGuardianId is { } citizenId)
        {
            var citizen = await db.CitizenGuardians.FirstOrDefaultAsync(c => c.Id == citizenId, cancellationToken);
            if (citizen is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["citizenGuardianId"] = [$"No 市民後見人 {citizenId} in the registry."] });
            }
            if (citizen.TrainingCompletedOn is null)
            {
                return Problems.Refused("Training first.", "A 市民後見人 is appointed only after completing the 養成研修.");
            }
            if (!citizen.Available) return Problems.Refused("Not available.", "The 市民後見人 is registered as not available for new matters.");
            if (matter.Guardians.Any(g => g.CitizenGuardianId == citizenId && g.EndedOn is null))
            {
                return Problems.Conflict("The 市民後見人 already serves in this matter.");
            }
            name = citizen.Name;
        }
        if (!MatterStages.WithGuardian.Contains(matter.Stage))
        {
            return Problems.Refused("No guardian before the 審判.", $"The matter is at {matter.Stage}; a guardian is appointed by the 審判 and recorded from then until it ends.");
        }
        var adjudicatedOn = matter.StageChanges.Where(s => s.Stage == MatterStages.Adjudicated).Select(s => s.On).Min();
        if (request.AppointedOn < adjudicatedOn)
        {
            return Problems.Refused("Dates go in order.", $"The 審判 was on {adjudicatedOn:yyyy-MM-dd}; an appointment cannot be earlier.");
        }

        var guardian = new MatterGuardian
        {
            MatterId = matter.Id,
            Kind = request.Kind,
            Name = name,
            Profession = request.Profession,
            CitizenGuardianId = request.CitizenGuardianId,
            AppointedOn = request.AppointedOn!.Value,
        };
        matter.Guardians.Add(guardian);
        db.Entry(matter).State = EntityState.Modified; // the matter's version moves with its guardians
        db.AuditEntries.Add(AuditEntry.For(http, "appoint_guardian", "guardianship_matter", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The matter changed meanwhile; read it again.");
        ETags.Set(http, matter.Version);
        return TypedResults.Created($"/api/rights/matters/{matter.Id}", GuardianResponse.From(guardian));
    }

    private static async Task<Results<Ok<GuardianResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EndGuardian(
        Guid id, Guid guardianId, GuardianEndRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var guardian = matter?.Guardians.FirstOrDefault(g => g.Id == guardianId);
        if (matter is null || guardian is null) return TypedResults.NotFound();
        if (guardian.EndedOn is not null) return Problems.Conflict($"The guardian already left office on {guardian.EndedOn:yyyy-MM-dd}.");
        if (request.EndedOn < guardian.AppointedOn)
        {
            return Problems.Refused("Dates go in order.", $"The guardian was appointed on {guardian.AppointedOn:yyyy-MM-dd}.");
        }

        guardian.EndedOn = request.EndedOn;
        db.Entry(matter).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "end_guardian", "guardianship_matter", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The matter changed meanwhile; read it again.");
        ETags.Set(http, matter.Version);
        return TypedResults.Ok(GuardianResponse.From(guardian));
    }

    private static async Task<Results<Created<FeeSubsidyResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ApplyForFeeSubsidy(
        Guid id, FeeSubsidyRequest request, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (matter is null) return TypedResults.NotFound();
        if (matter.Guardians.Count == 0)
        {
            return Problems.Refused("No guardian, no fee.", "報酬助成 pays a guardian's fee; record the guardian the 審判 appointed first.");
        }

        var application = new FeeSubsidyApplication
        {
            MatterId = matter.Id,
            AppliedOn = request.AppliedOn!.Value,
            PeriodFrom = request.PeriodFrom!.Value,
            PeriodTo = request.PeriodTo!.Value,
            RequestedYen = request.RequestedYen!.Value,
            RecordedBy = http.User.SubjectId(),
        };
        matter.FeeSubsidies.Add(application);
        db.Entry(matter).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "fee_subsidy", "guardianship_matter", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The matter changed meanwhile; read it again.");
        ETags.Set(http, matter.Version);
        return TypedResults.Created($"/api/rights/matters/{matter.Id}", FeeSubsidyResponse.From(application));
    }

    private static async Task<Results<Ok<FeeSubsidyResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecideFeeSubsidy(
        Guid id, Guid applicationId, FeeSubsidyDecision decision, RightsAdvocacyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = decision.Validate(JapanDate.Today(clock));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var matter = await Matters(db).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var application = matter?.FeeSubsidies.FirstOrDefault(f => f.Id == applicationId);
        if (matter is null || application is null) return TypedResults.NotFound();
        if (application.Status != RightsCodes.FeeSubsidyStatus.Applied) return Problems.Conflict($"The application was already {application.Status}.");
        if (decision.DecidedOn < application.AppliedOn)
        {
            return Problems.Refused("Dates go in order.", $"The application was made on {application.AppliedOn:yyyy-MM-dd}.");
        }
        if (decision.GrantedYen > application.RequestedYen)
        {
            return Problems.Refused("More than requested.", $"{application.RequestedYen} yen was requested.");
        }

        application.Status = decision.Status;
        application.DecidedOn = decision.DecidedOn;
        application.GrantedYen = decision.GrantedYen;
        db.Entry(matter).State = EntityState.Modified;
        db.AuditEntries.Add(AuditEntry.For(http, "fee_subsidy_decision", "guardianship_matter", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The matter changed meanwhile; read it again.");
        ETags.Set(http, matter.Version);
        return TypedResults.Ok(FeeSubsidyResponse.From(application));
    }

    internal static IQueryable<GuardianshipMatter> Matters(RightsAdvocacyDbContext db) =>
        db.Matters.Include(m => m.StageChanges).Include(m => m.Guardians).Include(m => m.FeeSubsidies).AsSplitQuery();
}
