using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Gaiji;
using System.Security.Claims;
using Jusou.Outreach.Codes;

namespace Jusou.Outreach.Targets;

/// <summary>A target as a worker records it (opened directly) or corrects it later (PUT replaces these details).</summary>
public sealed record TargetRequest(
    string RiskLevel,
    string RaisedBy,
    [property: MaxLength(TargetRequest.TextMaxLength)] string? Reason = null,
    IReadOnlyList<string>? ConcernCodes = null,
    [property: MaxLength(TargetRequest.NameMaxLength)] string? Name = null,
    [property: MaxLength(TargetRequest.NameMaxLength)] string? NameKana = null,
    [property: MaxLength(TargetRequest.AddressMaxLength)] string? Address = null,
    [property: MaxLength(Lengths.Phone)] string? Phone = null,
    string? HouseholdType = null,
    [property: MaxLength(TargetRequest.TextMaxLength)] string? HouseholdNote = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    [property: MaxLength(Lengths.Staff)] string? AssignedWorker = null,
    DateOnly? IdentifiedOn = null,
    DateOnly? NextContactOn = null)
{
    public const int NameMaxLength = 200;
    public const int AddressMaxLength = 400;
    public const int TextMaxLength = 4000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("riskLevel", RiskLevel)
            .OneOf("riskLevel", RiskLevel, OutreachCodes.RiskLevels)
            .Require("raisedBy", RaisedBy)
            .OneOf("raisedBy", RaisedBy, OutreachCodes.RaisedBy)
            .OneOf("householdType", HouseholdType, OutreachCodes.HouseholdTypes);
        var concerns = ConcernCodes ?? [];
        if (concerns.Count > OutreachCodes.Concerns.Count) validation.Add("concernCodes", "Too many concerns.");
        foreach (var concern in concerns) validation.OneOf("concernCodes", concern, OutreachCodes.Concerns);
        if (IdentifiedOn is { } identified && identified > JapanDate.Today(clock)) validation.Add("identifiedOn", "identifiedOn cannot be in the future.");
        return validation;
    }

    public void ApplyTo(Target target)
    {
        target.RiskLevel = RiskLevel;
        target.RaisedBy = RaisedBy;
        target.Reason = Validation.Normalize(Reason);
        target.ConcernCodes = (ConcernCodes ?? []).Distinct().ToList();
        target.Name = Validation.PersonName(Name);
        target.NameKana = Validation.PersonName(NameKana);
        target.Address = Validation.Normalize(Address);
        target.Phone = Phone;
        target.HouseholdType = HouseholdType;
        target.HouseholdNote = Validation.Normalize(HouseholdNote);
        target.DistrictCode = DistrictCode;
        target.AssignedWorker = string.IsNullOrWhiteSpace(AssignedWorker) ? null : AssignedWorker.Trim();
        if (IdentifiedOn is { } identified) target.IdentifiedOn = identified;
        target.NextContactOn = NextContactOn;
    }
}

/// <summary>A stage change; closing (終結) needs a reason.</summary>
public sealed record StageRequest(string Stage, string? ClosureReason = null)
{
    public Validation Validate()
    {
        var validation = new Validation()
            .Require("stage", Stage)
            .OneOf("stage", Stage, OutreachCodes.Stages)
            .OneOf("closureReason", ClosureReason, OutreachCodes.ClosureReasons);
        if (Stage == OutreachCodes.Stage.Closed && ClosureReason is null) validation.Add("closureReason", "Closing (終結) needs a closureReason.");
        if (Stage != OutreachCodes.Stage.Closed && ClosureReason is not null) validation.Add("closureReason", "A closureReason only goes with stage closed.");
        return validation;
    }
}

public sealed record TargetResponse(
    Guid Id, string Source, Guid? SourceId, Guid? SupportCaseId, Guid? PersonId, string RaisedBy, string? Reason,
    IReadOnlyList<string> ConcernCodes, string? Name, string? NameKana, string? Address, string? Phone, string? HouseholdType,
    string? HouseholdNote, string? DistrictCode, string RiskLevel, string Stage, string? AssignedWorker, DateOnly IdentifiedOn,
    DateOnly? NextContactOn, bool Overdue, DateTimeOffset? FirstReachedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SupportCaseClosedAt,
    string? ClosureReason, DateTimeOffset? ClosedAt, DateTimeOffset OpenedAt, string OpenedBy, string? ResidentStatus, DateOnly? ResidentStatusOn)
{
    public static TargetResponse From(Target t, DateOnly today) => new(t.Id, t.Source, t.SourceId, t.SupportCaseId, t.PersonId,
        t.RaisedBy, t.Reason, t.ConcernCodes, t.Name, t.NameKana, t.Address, t.Phone, t.HouseholdType, t.HouseholdNote, t.DistrictCode,
        t.RiskLevel, t.Stage, t.AssignedWorker, t.IdentifiedOn, t.NextContactOn, t.IsOverdue(today), t.FirstReachedAt, t.LastAttemptAt,
        t.SupportCaseClosedAt, t.ClosureReason, t.ClosedAt, t.OpenedAt, t.OpenedBy, t.ResidentStatus, t.ResidentStatusOn);
}

public static class TargetEndpoints
{
    /// <summary>Outreach workers do the work.</summary>
    public static readonly string[] Writers = [JusouRoles.OutreachWorker];
    /// <summary>Coordinators and managers follow it.</summary>
    public static readonly string[] Readers = [JusouRoles.OutreachWorker, JusouRoles.Coordinator, JusouRoles.Manager];

    /// <summary>Notes of contacts are for the workers and their manager only.</summary>
    public static bool MayReadNotes(ClaimsPrincipal user) => user.IsInRole(JusouRoles.OutreachWorker) || user.IsInRole(JusouRoles.Manager);

    public static void MapTargets(this IEndpointRouteBuilder api)
    {
        var targets = api.MapGroup("/targets").WithTags("Targets (アウトリーチ対象者)");

        targets.MapPost("/", Open).WithIdempotency<OutreachDbContext>().RequireRoles(Writers)
            .WithName("OpenTarget")
            .WithSummary("把握: open a target directly (a worker came to know of someone); concern reports, plan actions and intake referrals open theirs through events.");
        targets.MapGet("/", List).RequireRoles(Readers)
            .WithName("ListTargets").WithSummary("Targets, oldest first; filter by stage, source, 地区, assigned worker or support case.");
        targets.MapGet("/{id:guid}", Get).RequireRoles(Readers)
            .WithName("GetTarget").WithSummary("Read one target (ETag = version).");
        targets.MapPut("/{id:guid}", Update).RequiresIfMatch().RequireRoles(Writers)
            .WithName("UpdateTarget").WithSummary("Replace a target's details (who, why, household, 地区, risk, worker, next contact); needs If-Match.");
        targets.MapPut("/{id:guid}/stage", ChangeStage).RequiresIfMatch().RequireRoles(Writers)
            .WithName("ChangeTargetStage")
            .WithSummary("Move a target along 把握 → 接触試行 → 関係づくり → つなぎ → 継続的見守り → 終結 (or back a stage); needs If-Match.");
    }

    private static async Task<Results<Created<TargetResponse>, ValidationProblem>> Open(
        TargetRequest request, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        await validation.CheckGaiji(db, "name", request.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", request.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var now = clock.GetUtcNow();
        var target = new Target
        {
            Source = "direct",
            OpenedAt = now,
            OpenedBy = http.User.SubjectId(),
            IdentifiedOn = JapanDate.Of(now),
        };
        request.ApplyTo(target);
        db.Targets.Add(target);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "outreach_target", target.Id));
        target.TenantCode = db.Tenant.Required;
        db.Publish(target.Opened());
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, target.Version);
        return TypedResults.Created($"/api/outreach/targets/{target.Id}", TargetResponse.From(target, JapanDate.Today(clock)));
    }

    private static async Task<Results<Ok<Page<TargetResponse>>, ValidationProblem>> List(
        OutreachDbContext db, HttpContext http, TimeProvider clock, string? stage, string? source, string? district, string? assignedWorker,
        Guid? supportCaseId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var validation = new Validation().OneOf("stage", stage, OutreachCodes.Stages).OneOf("source", source, OutreachCodes.Sources);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.Targets.AsNoTracking();
        if (stage is not null) query = query.Where(t => t.Stage == stage);
        if (source is not null) query = query.Where(t => t.Source == source);
        if (!string.IsNullOrEmpty(district)) query = query.Where(t => t.DistrictCode == district);
        if (!string.IsNullOrEmpty(assignedWorker)) query = query.Where(t => t.AssignedWorker == assignedWorker);
        if (supportCaseId is { } supportCase) query = query.Where(t => t.SupportCaseId == supportCase);
        var rows = await query.PageOf(page, t => t.Id).ToListAsync(cancellationToken);

        var today = JapanDate.Today(clock);
        var result = page.ToPage(rows, t => t.Id, t => TargetResponse.From(t, today));
        await db.AuditReadsAsync(http, "search", "outreach_target", result.Items.Select(t => t.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<TargetResponse>, NotFound>> Get(
        Guid id, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var target = await db.Targets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "outreach_target", id, target.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(TargetResponse.From(target, JapanDate.Today(clock)));
    }

    private static async Task<Results<Ok<TargetResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, TargetRequest request, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate(clock);
        await validation.CheckGaiji(db, "name", request.Name, cancellationToken);
        await validation.CheckGaiji(db, "nameKana", request.NameKana, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null) return TypedResults.NotFound();
        if (target.Stage == OutreachCodes.Stage.Closed) return Problems.Conflict("The target is closed (終結); open a new target if the person needs outreach again.");

        if (!db.IsAtVersion(target, version)) return ETags.Stale();
        request.ApplyTo(target);
        db.AuditEntries.Add(AuditEntry.For(http, "update", "outreach_target", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, target.Version);
        return TypedResults.Ok(TargetResponse.From(target, JapanDate.Today(clock)));
    }

    private static async Task<Results<Ok<TargetResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStage(
        Guid id, StageRequest request, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (target is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(target, version)) return ETags.Stale();
        if (!target.CanMoveTo(request.Stage))
        {
            return Problems.Conflict(
                $"A target at 「{OutreachCodes.Stages[target.Stage]}」 cannot move to 「{OutreachCodes.Stages[request.Stage]}」.");
        }

        db.Publish(target.MoveTo(request.Stage, request.ClosureReason, clock.GetUtcNow()));
        db.AuditEntries.Add(AuditEntry.For(http, "change_stage", "outreach_target", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, target.Version);
        return TypedResults.Ok(TargetResponse.From(target, JapanDate.Today(clock)));
    }
}
