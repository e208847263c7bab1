using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.HandOffs;

public sealed record TaskDeclination(string Reason, [property: MaxLength(ActionTask.NoteMaxLength)] string? Note = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .Require("reason", Reason)
        .OneOf("reason", Reason, HandOffCodes.DeclineReasons);
}

/// <param name="OutputCode">What was delivered (taskOutputs).</param>
public sealed record TaskCompletion(string OutputCode, [property: MaxLength(ActionTask.NoteMaxLength)] string? Note = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .Require("outputCode", OutputCode)
        .OneOf("outputCode", OutputCode, HandOffCodes.Outputs);
}

/// <param name="Description">What the plan asks the organisation to do (from the plan version that carries the action).</param>
/// <param name="RecordId">For participation, outreach and rights actions: the request, target or matter the service opened for it.</param>
public sealed record TaskResponse(
    Guid Id, Guid CaseId, Guid PlanId, Guid ActionId, string Kind, string OrganisationCode, string? Description, DateOnly? DueOn,
    IReadOnlyList<string> NeedCodes, string Status, DateTimeOffset SentAt, DateTimeOffset? AcceptedAt, string? AcceptedBy, Guid? RecordId,
    string? DeclineReason, string? OutputCode, string? Note, DateTimeOffset? EndedAt, string? EndedBy, string? WithdrawalReason)
{
    public static TaskResponse From(ActionTask t, Plans.PlanAction? action) => new(t.Id, t.CaseId, t.PlanId, t.ActionId, t.Kind,
        t.OrganisationCode, action?.Description, action?.DueOn, action?.NeedCodes ?? [], t.Status, t.SentAt, t.AcceptedAt, t.AcceptedBy,
        t.RecordId, t.DeclineReason, t.OutputCode, t.Note, t.EndedAt, t.EndedBy, t.WithdrawalReason);
}

/// <summary>
/// The hand-offs of plan actions (依頼). A partner organisation's staff (agency_staff) see and answer their own
/// organisation's (the token's org); coordinators and managers see every hand-off of the municipality, e.g. a case's with
/// ?caseId=. Another organisation's hand-off is a 404. Every read and answer is audited against the case.
/// </summary>
public static class ActionTaskEndpoints
{
    public static void MapActionTasks(this IEndpointRouteBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Hand-offs (役割分担の依頼)").RequireRoles(CaseAccess.Readers);
        tasks.MapGet("/", List).WithName("ListActionTasks")
            .WithSummary("Hand-offs of plan actions, oldest first: a partner organisation's own (its staff), or every one (coordinators, managers). Filters: status, caseId, organisationCode.");
        tasks.MapGet("/{id:guid}", Get).WithName("GetActionTask").WithSummary("One hand-off (ETag = version).");
        tasks.MapPost("/{id:guid}/acceptance", Accept).WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.AgencyStaff)
            .WithName("AcceptActionTask").WithSummary("The organisation takes the task on (sent → accepted). Only kind other is answered here.");
        tasks.MapPost("/{id:guid}/declination", Decline).WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.AgencyStaff)
            .WithName("DeclineActionTask").WithSummary("The organisation declines the task with a reason (sent → declined); its involvement ends with its last live action.");
        tasks.MapPost("/{id:guid}/completion", Complete).WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.AgencyStaff)
            .WithName("CompleteActionTask").WithSummary("The organisation did the task, saying what it delivered (accepted → done); its involvement ends with its last live action.");
    }

    /// <summary>
    /// A partner organisation's staff see their own organisation's hand-offs, and only while they are live (sent or
    /// accepted): a task carries what the plan asks of them, which is the case's data; once the hand-off ended — done,
    /// declined, or withdrawn by a revision, the closure or the person's withdrawn consent — it is the coordinator's record.
    /// </summary>
    private static IQueryable<ActionTask> VisibleTo(this IQueryable<ActionTask> tasks, ClaimsPrincipal user)
    {
        if (!CaseAccess.IsPartnerAgency(user)) return tasks;
        var organisation = user.OrganisationCode() ?? "";
        return tasks.Where(t => t.OrganisationCode == organisation && (t.Status == HandOffCodes.Sent || t.Status == HandOffCodes.Accepted));
    }

    private static async Task<Results<Ok<Page<TaskResponse>>, ValidationProblem>> List(
        MultiAgencyDbContext db, HttpContext http, string? status, Guid? caseId, [MaxLength(Lengths.OrganisationCode)] string? organisationCode,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf("status", status, HandOffCodes.Statuses)
            .MaxLength("organisationCode", organisationCode, Lengths.OrganisationCode);
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var pageErrors))
        {
            foreach (var (field, messages) in pageErrors) foreach (var message in messages) validation.Add(field, message);
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.ActionTasks.AsNoTracking().VisibleTo(http.User);
        if (status is not null) query = query.Where(t => t.Status == status);
        if (caseId is { } onCase) query = query.Where(t => t.CaseId == onCase);
        if (!string.IsNullOrEmpty(organisationCode)) query = query.Where(t => t.OrganisationCode == organisationCode);
        var rows = await query.PageOf(page, t => t.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, t => t.Id, t => t);

        var actions = await ActionsOf(db, result.Items, cancellationToken);
        await AuditAsync(db, http, "search", result.Items.Select(t => t.CaseId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Page<TaskResponse>(
            result.Items.Select(t => TaskResponse.From(t, actions.GetValueOrDefault((t.PlanId, t.ActionId)))).ToList(), result.NextPageToken));
    }

    private static async Task<Results<Ok<TaskResponse>, NotFound>> Get(Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var task = await db.ActionTasks.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null) return TypedResults.NotFound();
        var actions = await ActionsOf(db, [task], cancellationToken);
        await AuditAsync(db, http, "read", [task.CaseId], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, task.Version);
        return TypedResults.Ok(TaskResponse.From(task, actions.GetValueOrDefault((task.PlanId, task.ActionId))));
    }

    private static Task<Results<Ok<TaskResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(id, HandOffCodes.Accepted, new Validation(), (task, by, at) => task.Accept(by, at), db, http, clock, cancellationToken);

    private static Task<Results<Ok<TaskResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, TaskDeclination request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(id, HandOffCodes.Declined, request.Validate(),
            (task, by, at) => task.Decline(request.Reason, Validation.Normalize(request.Note), by, at), db, http, clock, cancellationToken);

    private static Task<Results<Ok<TaskResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Complete(
        Guid id, TaskCompletion request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken) =>
        AnswerAsync(id, HandOffCodes.Done, request.Validate(),
            (task, by, at) => task.Complete(request.OutputCode, Validation.Normalize(request.Note), by, at), db, http, clock, cancellationToken);

    /// <summary>
    /// One answer of the organisation: bad input is a 400, another organisation's task a 404, a move the task's status does
    /// not allow a 409 naming it; otherwise the move, its timeline line, its event and the end of the involvement it ended.
    /// </summary>
    private static async Task<Results<Ok<TaskResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, string status, Validation validation, Func<ActionTask, string, DateTimeOffset, TaskMove> move, MultiAgencyDbContext db,
        HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var organisation = http.User.OrganisationCode();
        var task = await db.ActionTasks.FirstOrDefaultAsync(t => t.Id == id && t.OrganisationCode == organisation, cancellationToken);
        if (task is null) return TypedResults.NotFound();
        if (task.RefusalTo(status) is { } refusal) return Problems.Conflict(refusal);
        // The organisation answers for its own task; the case itself it may see only through a live involvement.
        var supportCase = await db.SupportCases.Include(c => c.Involvements).FirstAsync(c => c.Id == task.CaseId, cancellationToken);

        var now = clock.GetUtcNow();
        ActionHandOffs.Answered(db, supportCase, move(task, http.User.SubjectId(), now), now);
        db.AuditEntries.Add(CaseAccess.Audit(http, $"task_{status}", "action_task", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The task changed meanwhile; read it again.");
        var actions = await ActionsOf(db, [task], cancellationToken);
        ETags.Set(http, task.Version);
        return TypedResults.Ok(TaskResponse.From(task, actions.GetValueOrDefault((task.PlanId, task.ActionId))));
    }

    /// <summary>The plan actions the tasks come from, by (plan version, action id).</summary>
    private static async Task<Dictionary<(Guid PlanId, Guid ActionId), Plans.PlanAction>> ActionsOf(MultiAgencyDbContext db,
        IReadOnlyCollection<ActionTask> tasks, CancellationToken cancellationToken)
    {
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        var actions = await db.SupportPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).SelectMany(p => p.Actions).ToListAsync(cancellationToken);
        return actions.ToDictionary(a => (a.PlanId, a.ActionId));
    }

    /// <summary>One audit row per case whose hand-offs were read, under the rule that lets the caller see them.</summary>
    private static async Task AuditAsync(MultiAgencyDbContext db, HttpContext http, string action, IEnumerable<Guid> caseIds,
        CancellationToken cancellationToken)
    {
        var ids = caseIds.Distinct().ToList();
        if (ids.Count == 0) return;
        var cases = await db.SupportCases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        db.AuditEntries.AddRange(cases.Select(c => CaseAccess.Audit(http, action, "action_task", c)));
    }
}
