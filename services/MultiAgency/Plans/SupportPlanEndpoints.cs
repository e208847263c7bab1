using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Jusou.MultiAgency.Meetings;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceKit.Organisations;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.HandOffs;
using Npgsql;

namespace Jusou.MultiAgency.Plans;

public sealed record GoalRequest([property: MaxLength(PlanRequest.TextMaxLength)] string Text, string? Term = null);

/// <param name="ActionId">Keep an action of an earlier version (the same work continuing); omit for a new action.</param>
public sealed record ActionRequest(
    string Kind, [property: MaxLength(Lengths.OrganisationCode)] string OrganisationCode,
    [property: MaxLength(PlanRequest.TextMaxLength)] string? Description = null, DateOnly? DueOn = null, IReadOnlyList<string>? NeedCodes = null,
    Guid? ActionId = null);

/// <summary>
/// A plan version's content. Drafting a new version (POST) with neither goals nor actions copies the latest version;
/// replacing a draft (PUT) sends the whole content.
/// </summary>
public sealed record PlanRequest(IReadOnlyList<GoalRequest>? Goals = null, IReadOnlyList<ActionRequest>? Actions = null, DateOnly? ReviewOn = null)
{
    public const int TextMaxLength = 2000;
    public const int MaxGoals = 20;
    public const int MaxActions = 50;
    public const int MaxNeedCodes = 20;

    public bool CopiesLatest => Goals is null && Actions is null;

    /// <summary>The content's rules, and every action's organisation is one of the municipality's directory.</summary>
    public async Task<Validation> ValidateAsync(MultiAgencyDbContext db, bool replacing, CancellationToken cancellationToken)
    {
        var validation = Validate(replacing);
        var actions = Actions ?? [];
        for (var i = 0; i < actions.Count && i < MaxActions; i++)
        {
            if (actions[i] is { } action) await validation.CheckOrganisation(db, $"actions[{i}].organisationCode", action.OrganisationCode, cancellationToken);
        }
        return validation;
    }

    public Validation Validate(bool replacing)
    {
        var validation = new Validation().Limits(this);
        if (replacing)
        {
            validation.Require("goals", Goals).Require("actions", Actions);
        }
        var goals = Goals ?? [];
        var actions = Actions ?? [];
        if (goals.Count > MaxGoals) validation.Add("goals", $"At most {MaxGoals} goals.");
        if (actions.Count > MaxActions) validation.Add("actions", $"At most {MaxActions} actions.");
        for (var i = 0; i < goals.Count; i++)
        {
            if (goals[i] is not { } goal) { validation.Add($"goals[{i}]", "A goal cannot be null."); continue; }
            validation.Require($"goals[{i}].text", goal.Text)
                .OneOf($"goals[{i}].term", goal.Term, PlanCodes.GoalTerms);
        }
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not { } action) { validation.Add($"actions[{i}]", "An action cannot be null."); continue; }
            validation.Require($"actions[{i}].kind", action.Kind).OneOf($"actions[{i}].kind", action.Kind, PlanCodes.ActionKinds)
                .Require($"actions[{i}].organisationCode", action.OrganisationCode);
            var needs = action.NeedCodes ?? [];
            if (needs.Count > MaxNeedCodes) validation.Add($"actions[{i}].needCodes", $"At most {MaxNeedCodes} need codes.");
            foreach (var need in needs)
            {
                if (need is null || !PlanCodes.IsNeedCode(need))
                {
                    validation.Add($"actions[{i}].needCodes", $"'{need}' is not a need code (a concerns or assessmentAreas code); see the codes endpoint.");
                }
            }
            if (action.ActionId == Guid.Empty) validation.Add($"actions[{i}].actionId", "actionId is not an action id.");
        }
        if (actions.Where(a => a?.ActionId is not null).GroupBy(a => a.ActionId).Any(g => g.Count() > 1))
        {
            validation.Add("actions", "An actionId appears once per plan.");
        }
        return validation;
    }
}

public sealed record ApprovalRequest(Guid? MeetingId, DateOnly? ApprovedOn)
{
    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Require("meetingId", MeetingId).Require("approvedOn", ApprovedOn);
        if (MeetingId == Guid.Empty) validation.Add("meetingId", "meetingId is not a meeting id.");
        if (ApprovedOn > JapanDate.Of(clock.GetUtcNow())) validation.Add("approvedOn", "approvedOn cannot be in the future.");
        return validation;
    }
}

public sealed record GoalEvaluationRequest(Guid GoalId, string Result, [property: MaxLength(PlanRequest.TextMaxLength)] string? Note = null);

/// <summary>The review (評価) of an approved plan: every goal's result, and what comes next.</summary>
public sealed record EvaluationRequest(
    DateOnly? EvaluatedOn,
    IReadOnlyList<GoalEvaluationRequest>? Goals,
    string NextStep,
    [property: MaxLength(PlanRequest.TextMaxLength)] string? Note = null)
{
    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("evaluatedOn", EvaluatedOn)
            .Require("goals", Goals)
            .Require("nextStep", NextStep)
            .OneOf("nextStep", NextStep, PlanCodes.NextSteps);
        if (EvaluatedOn > JapanDate.Of(clock.GetUtcNow())) validation.Add("evaluatedOn", "evaluatedOn cannot be in the future.");
        var goals = Goals ?? [];
        for (var i = 0; i < goals.Count; i++)
        {
            if (goals[i] is not { } goal) { validation.Add($"goals[{i}]", "A goal cannot be null."); continue; }
            validation.Require($"goals[{i}].result", goal.Result).OneOf($"goals[{i}].result", goal.Result, PlanCodes.GoalResults);
        }
        return validation;
    }
}

public sealed record GoalResponse(Guid Id, int Position, string? Term, string Text, string? Result, string? ResultNote);
public sealed record ActionResponse(Guid ActionId, string Kind, string OrganisationCode, string? Description, DateOnly? DueOn, IReadOnlyList<string> NeedCodes);
public sealed record PlanResponse(
    Guid Id, Guid CaseId, int Number, string Status, DateOnly? ReviewOn, IReadOnlyList<GoalResponse> Goals, IReadOnlyList<ActionResponse> Actions,
    string CreatedBy, DateTimeOffset CreatedAt, Guid? MeetingId, DateOnly? ApprovedOn, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    DateOnly? EvaluatedOn, string? EvaluatedBy, string? NextStep, string? EvaluationNote)
{
    public static PlanResponse From(SupportPlan p) => new(p.Id, p.CaseId, p.Number, p.Status, p.ReviewOn,
        p.Goals.OrderBy(g => g.Position).Select(g => new GoalResponse(g.Id, g.Position, g.Term, g.Text, g.Result, g.ResultNote)).ToList(),
        p.Actions.OrderBy(a => a.Position).Select(a => new ActionResponse(a.ActionId, a.Kind, a.OrganisationCode, a.Description, a.DueOn, a.NeedCodes)).ToList(),
        p.CreatedBy, p.CreatedAt, p.MeetingId, p.ApprovedOn, p.ApprovedBy, p.ApprovedAt, p.EvaluatedOn, p.EvaluatedBy, p.NextStep, p.EvaluationNote);
}

public sealed record EvaluationResponse(PlanResponse Plan, string CaseStatus, Guid? NewPlanId);

public static class SupportPlanEndpoints
{
    /// <summary>A plan is drafted once the case has been assessed, and revised while it is supported or monitored.</summary>
    private static readonly HashSet<string> DraftingStatuses =
        [SupportCaseCodes.Assessment, SupportCaseCodes.Planning, SupportCaseCodes.Supporting, SupportCaseCodes.Monitoring];

    public static void MapSupportPlans(this IEndpointRouteBuilder api)
    {
        var plans = api.MapGroup("/cases/{id:guid}/plans").WithTags("Support plans (支援プラン)").RequireRoles(CaseAccess.Readers);

        plans.MapPost("/", Draft).WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("DraftSupportPlan")
            .WithSummary("Draft the next plan version: from the content sent, or — sending neither goals nor actions — as a copy of the latest version. One draft at a time.");
        plans.MapGet("/", List).WithName("ListSupportPlans").WithSummary("Every version of the case's plan, oldest first.");
        plans.MapGet("/{planId:guid}", Get).WithName("GetSupportPlan").WithSummary("One plan version (ETag = version).");
        plans.MapGet("/{planId:guid}/form", PlanForms.Plan).WithName("GetPlanForm")
            .WithSummary("プラン兼事業等利用申込書 of a plan version, with the places to sign: printable HTML (?format=html, A4) or PDF (?format=pdf); audited as a print.");
        plans.MapGet("/{planId:guid}/evaluation-sheet", PlanForms.Evaluation).WithName("GetPlanEvaluationSheet")
            .WithSummary("評価シート of a plan version (each goal's result, the next step): printable HTML or PDF; audited as a print.");
        plans.MapPut("/{planId:guid}", Replace).RequiresIfMatch().RequireRoles(CaseAccess.Writers)
            .WithName("ReplaceSupportPlanDraft").WithSummary("Replace a draft's goals, actions and review date; needs If-Match. Approved plans never change.");
        plans.MapPost("/{planId:guid}/approval", Approve).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("ApproveSupportPlan")
            .WithSummary("A meeting approved the draft (If-Match: the version it saw): the case goes to 支援中 and each action goes out to its organisation.");
        plans.MapPost("/{planId:guid}/evaluation", Evaluate).WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("EvaluateSupportPlan")
            .WithSummary("評価 at the review: each goal achieved / partly / not, then モニタリング or a new plan version.");
    }

    private static IQueryable<SupportPlan> Plans(MultiAgencyDbContext db, Guid caseId) =>
        db.SupportPlans.Include(p => p.Goals).Include(p => p.Actions).Where(p => p.CaseId == caseId).AsSplitQuery();

    private static async Task<Results<Created<PlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Draft(
        Guid id, PlanRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await request.ValidateAsync(db, replacing: false, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        if (!DraftingStatuses.Contains(supportCase.Status))
        {
            return Problems.Conflict($"A plan is drafted once the case is assessed; the case is 「{SupportCaseCodes.Statuses[supportCase.Status]}」.");
        }
        if (await db.SupportPlans.AnyAsync(p => p.CaseId == id && p.Status == PlanCodes.Draft, cancellationToken))
        {
            return Problems.Conflict("The case already has a draft plan; edit it (PUT) instead of starting another.");
        }
        var latest = await Plans(db, id).AsNoTracking().OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken);
        if (await UnknownActionIds(db, id, request) is { } unknown) return unknown;

        var now = clock.GetUtcNow();
        var plan = new SupportPlan
        {
            CaseId = id,
            Number = (latest?.Number ?? 0) + 1,
            ReviewOn = request.ReviewOn ?? (request.CopiesLatest ? latest?.ReviewOn : null),
            CreatedBy = http.User.SubjectId(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (request.CopiesLatest && latest is not null) CopyContent(latest, plan);
        else Fill(plan, request);
        db.SupportPlans.Add(plan);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "plan_drafted", plan.Id, plan.Number.ToString(CultureInfo.InvariantCulture)));
        db.AuditEntries.Add(CaseAccess.Audit(http, "create", "support_plan", supportCase));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
            || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("Another draft was started at the same time; read the case's plans again.");
        }
        ETags.Set(http, plan.Version);
        return TypedResults.Created($"/api/multiagency/cases/{id}/plans/{plan.Id}", PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<Page<PlanResponse>>, NotFound, ValidationProblem>> List(
        Guid id, MultiAgencyDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var query = Plans(db, id).AsNoTracking();
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);
        db.AuditEntries.Add(CaseAccess.Audit(http, "search", "support_plan", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, p => p.Id, PlanResponse.From));
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound>> Get(
        Guid id, Guid planId, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var plan = await Plans(db, id).AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return TypedResults.NotFound();
        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "support_plan", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, Guid planId, PlanRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = await request.ValidateAsync(db, replacing: true, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: true, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var plan = await Plans(db, id).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(plan, version)) return ETags.Stale();
        if (plan.Status != PlanCodes.Draft) return Problems.Conflict($"Plan version {plan.Number} is {plan.Status}: approved plans never change. Draft a new version.");
        if (await UnknownActionIds(db, id, request) is { } unknown) return unknown;

        var now = clock.GetUtcNow();
        db.RemoveRange(plan.Goals);
        db.RemoveRange(plan.Actions);
        plan.Goals.Clear();
        plan.Actions.Clear();
        Fill(plan, request);
        plan.ReviewOn = request.ReviewOn;
        plan.UpdatedAt = now;
        db.AuditEntries.Add(CaseAccess.Audit(http, "update", "support_plan", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<PlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, Guid planId, ApprovalRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        // With its involvements: approving gives each action's organisation its part in the case.
        if (await CaseAccess.Find(db, http, id, tracking: true, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var plan = await Plans(db, id).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return TypedResults.NotFound();
        if (!version.Matches(plan.Version)) return ETags.Stale();
        if (plan.Status != PlanCodes.Draft) return Problems.Conflict($"Plan version {plan.Number} is already {plan.Status}.");
        if (supportCase.Status != SupportCaseCodes.Planning)
        {
            return Problems.Conflict($"A plan is approved while the case is 「プラン作成」(planning); it is 「{SupportCaseCodes.Statuses[supportCase.Status]}」.");
        }
        if (plan.Goals.Count == 0)
        {
            return Problems.Refused("A plan without goals cannot be approved.", "Add at least one goal (目標・方向性) to the draft first.");
        }
        // A plan is approved by a meeting that may approve plans and that discussed this case (docs/architecture.md#glossary: 重層的支援会議,
        // 参加・アウトリーチ支援プラン会議), not by a coordinator alone.
        var meeting = await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == request.MeetingId, cancellationToken);
        if (meeting is null || !MeetingCodes.ApprovePlans.Contains(meeting.Type) || !await db.MeetingItems.AnyAsync(i => i.MeetingId == meeting.Id && i.CaseId == id, cancellationToken))
        {
            return Problems.Refused("The plan needs the meeting that approved it.",
                "Record the meeting (重層的支援会議, 参加・アウトリーチ支援プラン会議 or 重層的支援ケース会議) with this case among the cases discussed, then approve with its id.");
        }

        if (!db.IsAtVersion(plan, version)) return ETags.Stale();
        if (await PlanSharing.RefusalAsync(db, supportCase, plan, cancellationToken) is { } refusal)
        {
            return await refusal.RefuseAsync(db, http, "approve", "support_plan", supportCase.Id, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var tenant = db.Tenant.Required;
        foreach (var earlier in await db.SupportPlans.Where(p => p.CaseId == id && p.Status == PlanCodes.Approved).ToListAsync(cancellationToken))
        {
            earlier.Status = PlanCodes.Superseded;
            earlier.UpdatedAt = now;
        }
        plan.Status = PlanCodes.Approved;
        plan.MeetingId = request.MeetingId;
        plan.ApprovedOn = request.ApprovedOn;
        plan.ApprovedBy = http.User.SubjectId();
        plan.ApprovedAt = now;
        plan.UpdatedAt = now;

        var actions = plan.Actions.OrderBy(a => a.Position).ToList();
        db.Publish(new SupportPlanApproved(Guid.CreateVersion7(), now, tenant, id, plan.Id, plan.Number, plan.MeetingId, actions.Count, plan.ReviewOn));
        // Each action goes to its organisation under the rule that lets this case be shared with it.
        var sharingRule = SupportCaseCodes.SharingRuleFor(supportCase.Track);
        foreach (var action in actions)
        {
            db.Publish(new SupportPlanActionApproved(Guid.CreateVersion7(), now, tenant, id, plan.Id, action.ActionId, action.Kind,
                action.OrganisationCode, action.DueOn, supportCase.PersonId, supportCase.DistrictCode, action.NeedCodes.ToList(), sharingRule));
        }
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "plan_approved", plan.Id, plan.Number.ToString(CultureInfo.InvariantCulture)));
        await ActionHandOffs.HandOverAsync(db, supportCase, plan, http.User.SubjectId(), now, cancellationToken);
        SupportCaseEndpoints.Move(db, supportCase, SupportCaseCodes.Supporting, null, null, null, http.User.SubjectId(), now);
        db.AuditEntries.Add(CaseAccess.Audit(http, "approve", "support_plan", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, plan.Version);
        return TypedResults.Ok(PlanResponse.From(plan));
    }

    private static async Task<Results<Ok<EvaluationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Evaluate(
        Guid id, Guid planId, EvaluationRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: true, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var plan = await Plans(db, id).FirstOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null) return TypedResults.NotFound();

        var goalIds = plan.Goals.Select(g => g.Id).ToHashSet();
        var evaluated = request.Goals!.Select(g => g.GoalId).ToList();
        if (evaluated.Count != evaluated.Distinct().Count() || !goalIds.SetEquals(evaluated))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["goals"] = ["Evaluate every goal of the plan exactly once (by its id)."],
            });
        }
        if (plan.Status != PlanCodes.Approved) return Problems.Conflict($"Only the approved plan is evaluated; version {plan.Number} is {plan.Status}.");
        if (plan.EvaluatedOn is not null) return Problems.Conflict($"Plan version {plan.Number} was already evaluated on {plan.EvaluatedOn:yyyy-MM-dd}.");
        if (supportCase.Status is not (SupportCaseCodes.Supporting or SupportCaseCodes.Monitoring))
        {
            return Problems.Conflict($"A plan is evaluated while the case is supported or monitored; it is 「{SupportCaseCodes.Statuses[supportCase.Status]}」.");
        }
        if (request.NextStep == "new_plan" && await db.SupportPlans.AnyAsync(p => p.CaseId == id && p.Status == PlanCodes.Draft, cancellationToken))
        {
            return Problems.Conflict("The case already has a draft plan; the review cannot start another.");
        }

        var now = clock.GetUtcNow();
        var by = http.User.SubjectId();
        foreach (var goal in request.Goals!)
        {
            var planGoal = plan.Goals.Single(g => g.Id == goal.GoalId);
            planGoal.Result = goal.Result;
            planGoal.ResultNote = Validation.Normalize(goal.Note);
        }
        plan.EvaluatedOn = request.EvaluatedOn;
        plan.EvaluatedBy = by;
        plan.NextStep = request.NextStep;
        plan.EvaluationNote = Validation.Normalize(request.Note);
        plan.UpdatedAt = now;
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "plan_evaluated", plan.Id, request.NextStep));

        SupportPlan? next = null;
        if (request.NextStep == "monitoring")
        {
            if (supportCase.Status != SupportCaseCodes.Monitoring) SupportCaseEndpoints.Move(db, supportCase, SupportCaseCodes.Monitoring, null, null, null, by, now);
        }
        else
        {
            next = new SupportPlan
            {
                CaseId = id,
                Number = await db.SupportPlans.Where(p => p.CaseId == id).MaxAsync(p => p.Number, cancellationToken) + 1,
                ReviewOn = null, // the new version's review is set when it is drafted out
                CreatedBy = by,
                CreatedAt = now,
                UpdatedAt = now,
            };
            CopyContent(plan, next);
            db.SupportPlans.Add(next);
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "plan_drafted", next.Id, next.Number.ToString(CultureInfo.InvariantCulture)));
            SupportCaseEndpoints.Move(db, supportCase, "planning", null, null, null, by, now);
        }
        db.AuditEntries.Add(CaseAccess.Audit(http, "evaluate", "support_plan", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The case or plan changed meanwhile; read them again.");
        return TypedResults.Ok(new EvaluationResponse(PlanResponse.From(plan), supportCase.Status, next?.Id));
    }

    /// <summary>An actionId a caller sends must be an action of this case's earlier versions (or the draft being replaced).</summary>
    private static async Task<ValidationProblem?> UnknownActionIds(MultiAgencyDbContext db, Guid caseId, PlanRequest request)
    {
        var given = (request.Actions ?? []).Where(a => a.ActionId is not null).Select(a => a.ActionId!.Value).Distinct().ToList();
        if (given.Count == 0) return null;
        var known = await db.SupportPlans.Where(p => p.CaseId == caseId).SelectMany(p => p.Actions).Select(a => a.ActionId)
            .Where(a => given.Contains(a)).Distinct().CountAsync();
        return known == given.Count
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["actions"] = ["An actionId must be an action of one of this case's plans; omit it for a new action."],
            });
    }

    private static void Fill(SupportPlan plan, PlanRequest request)
    {
        var position = 0;
        foreach (var goal in request.Goals ?? [])
        {
            plan.Goals.Add(new PlanGoal { PlanId = plan.Id, Position = ++position, Term = goal.Term, Text = Validation.Normalize(goal.Text)! });
        }
        position = 0;
        foreach (var action in request.Actions ?? [])
        {
            plan.Actions.Add(new PlanAction
            {
                PlanId = plan.Id,
                ActionId = action.ActionId ?? Guid.CreateVersion7(),
                Position = ++position,
                Kind = action.Kind,
                OrganisationCode = action.OrganisationCode.Trim(),
                Description = Validation.Normalize(action.Description),
                DueOn = action.DueOn,
                NeedCodes = (action.NeedCodes ?? []).Distinct().ToList(),
            });
        }
    }

    /// <summary>A new version starts as the previous one: the same goals (not yet evaluated) and the same actions, keeping their ids.</summary>
    private static void CopyContent(SupportPlan from, SupportPlan to)
    {
        foreach (var goal in from.Goals.OrderBy(g => g.Position))
        {
            to.Goals.Add(new PlanGoal { PlanId = to.Id, Position = goal.Position, Term = goal.Term, Text = goal.Text });
        }
        foreach (var action in from.Actions.OrderBy(a => a.Position))
        {
            to.Actions.Add(new PlanAction
            {
                PlanId = to.Id, ActionId = action.ActionId, Position = action.Position, Kind = action.Kind, OrganisationCode = action.OrganisationCode,
                Description = action.Description, DueOn = action.DueOn, NeedCodes = action.NeedCodes.ToList(),
            });
        }
    }
}
