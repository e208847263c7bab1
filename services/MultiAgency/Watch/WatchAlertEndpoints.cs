using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.Watch;

public sealed record AlertDismissal([property: MaxLength(WatchAlert.ReasonMaxLength)] string? Reason)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this);
        if (string.IsNullOrWhiteSpace(Reason)) validation.Add("reason", "Say why the alert needs no action (e.g. 介護保険の申請済み).");
        return validation;
    }
}

public sealed record WatchAlertResponse(
    Guid Id, Guid CaseId, Guid? PersonId, string? CoordinatorId, string Rule, string Key, DateOnly? DueOn, DateTimeOffset RaisedAt,
    string Status, string? DismissedReason, string? DismissedBy, DateTimeOffset? DismissedAt)
{
    public static WatchAlertResponse From(WatchAlert a, SupportCase c) => new(a.Id, a.CaseId, c.PersonId, c.CoordinatorId, a.Rule, a.Key,
        a.DueOn, a.RaisedAt, a.Status, a.DismissedReason, a.DismissedBy, a.DismissedAt);
}

/// <summary>
/// The alerts of the 制度切れ watch, per coordinator. An alert reveals what is happening in a person's life (an age, an
/// ending support, a silence), so every read is audited against its case.
/// </summary>
public static class WatchAlertEndpoints
{
    private static readonly string[] Users = [JusouRoles.Coordinator, JusouRoles.Manager];

    public static void MapWatchAlerts(this IEndpointRouteBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("制度切れ watch").RequireRoles(Users);
        alerts.MapGet("/", List).WithName("ListWatchAlerts")
            .WithSummary("Alerts, oldest first. Filters: coordinatorId, mine (a coordinator's default: alerts on their own cases; mine=false for all), status (open/dismissed), rule, caseId.");
        alerts.MapGet("/{id:guid}", Get).WithName("GetWatchAlert").WithSummary("One alert (ETag = version).");
        alerts.MapPost("/{id:guid}/dismissal", Dismiss).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>()
            .WithName("DismissWatchAlert")
            .WithSummary("Dismiss an alert with a reason (required; If-Match). The same occurrence is never raised again.");
    }

    /// <summary>A coordinator works their own cases; a manager oversees the whole tenant.</summary>
    private static bool OwnCasesByDefault(ClaimsPrincipal user) =>
        user.IsInRole(JusouRoles.Coordinator) && !user.IsInRole(JusouRoles.Manager);

    private static async Task<Results<Ok<Page<WatchAlertResponse>>, ValidationProblem>> List(
        MultiAgencyDbContext db, HttpContext http, [MaxLength(CaseRequests.CoordinatorIdMaxLength)] string? coordinatorId, bool? mine, string? status,
        string? rule, Guid? caseId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .OneOf("status", status, WatchCodes.AlertStatuses)
            .OneOf("rule", rule, WatchCodes.Rules)
            .MaxLength("coordinatorId", coordinatorId, CaseRequests.CoordinatorIdMaxLength);
        if (mine == true && coordinatorId is not null) validation.Add("mine", "Use either mine=true or coordinatorId.");
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var pageErrors))
        {
            foreach (var (field, messages) in pageErrors) foreach (var message in messages) validation.Add(field, message);
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var coordinator = coordinatorId
            ?? (mine ?? OwnCasesByDefault(http.User) ? http.User.SubjectId() : null);
        var query = db.WatchAlerts.AsNoTracking()
            .Join(db.SupportCases, a => a.CaseId, c => c.Id, (a, c) => new { Alert = a, Case = c });
        if (coordinator is not null) query = query.Where(x => x.Case.CoordinatorId == coordinator);
        if (status is not null) query = query.Where(x => x.Alert.Status == status);
        if (rule is not null) query = query.Where(x => x.Alert.Rule == rule);
        if (caseId is { } onCase) query = query.Where(x => x.Alert.CaseId == onCase);
        var rows = await query.PageOf(page, x => x.Alert.Id).ToListAsync(cancellationToken);

        var result = page.ToPage(rows, x => x.Alert.Id, x => WatchAlertResponse.From(x.Alert, x.Case));
        db.AuditEntries.AddRange(result.Items.Select(a => a.CaseId).Distinct()
            .Select(id => AuditEntry.For(http, "read_alerts", "support_case", id)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<WatchAlertResponse>, NotFound>> Get(
        Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var row = await db.WatchAlerts.AsNoTracking().Where(a => a.Id == id)
            .Join(db.SupportCases, a => a.CaseId, c => c.Id, (a, c) => new { Alert = a, Case = c })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null) return TypedResults.NotFound();
        db.AuditEntries.Add(AuditEntry.For(http, "read_alerts", "support_case", row.Case.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, row.Alert.Version);
        return TypedResults.Ok(WatchAlertResponse.From(row.Alert, row.Case));
    }

    private static async Task<Results<Ok<WatchAlertResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Dismiss(
        Guid id, AlertDismissal request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var alert = await db.WatchAlerts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null) return TypedResults.NotFound();
        var supportCase = await db.SupportCases.AsNoTracking().FirstAsync(c => c.Id == alert.CaseId, cancellationToken);
        if (!db.IsAtVersion(alert, version)) return ETags.Stale();
        if (alert.Status != "open") return Problems.Conflict("The alert was already dismissed.");

        alert.Status = "dismissed";
        alert.DismissedReason = Validation.Normalize(request.Reason!.Trim());
        alert.DismissedBy = http.User.SubjectId();
        alert.DismissedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.For(http, "dismiss_alert", "support_case", supportCase.Id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, alert.Version);
        return TypedResults.Ok(WatchAlertResponse.From(alert, supportCase));
    }
}
