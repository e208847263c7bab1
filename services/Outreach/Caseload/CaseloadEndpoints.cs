using Jusou.Outreach.Codes;
using Jusou.Outreach.Targets;

namespace Jusou.Outreach.Caseload;

/// <summary>One line of a worker's list: enough to plan the week, without the confidential details.</summary>
public sealed record CaseloadItem(
    Guid Id, string? Name, string Stage, string RiskLevel, string? DistrictCode, string? AssignedWorker,
    DateOnly? NextContactOn, DateTimeOffset? LastAttemptAt, bool Overdue)
{
    public static CaseloadItem From(Target t, DateOnly today) =>
        new(t.Id, t.Name, t.Stage, t.RiskLevel, t.DistrictCode, t.AssignedWorker, t.NextContactOn, t.LastAttemptAt, t.IsOverdue(today));
}

/// <summary>
/// Nobody may be forgotten: a worker's caseload, and the list of open targets whose planned contact has passed with
/// no attempt (an attempt always sets the next planned date, so a past date means nobody went).
/// </summary>
public static class CaseloadEndpoints
{
    public static void MapCaseload(this IEndpointRouteBuilder api)
    {
        api.MapGet("/caseload", Caseload).RequireRoles(TargetEndpoints.Readers).WithTags("Caseload (担当一覧)")
            .WithName("GetCaseload")
            .WithSummary("A worker's open targets (the caller's own unless ?worker= names another), oldest first, each flagged when overdue.");
        api.MapGet("/overdue", Overdue).RequireRoles(TargetEndpoints.Readers).WithTags("Caseload (担当一覧)")
            .WithName("ListOverdueTargets")
            .WithSummary("Open targets whose next planned contact has passed without an attempt; filter by worker or 地区.");
    }

    private static async Task<Results<Ok<Page<CaseloadItem>>, ValidationProblem>> Caseload(
        OutreachDbContext db, HttpContext http, TimeProvider clock, string? worker, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var whose = string.IsNullOrEmpty(worker) ? http.User.SubjectId() : worker;
        var query = db.Targets.AsNoTracking().Where(t => t.AssignedWorker == whose && t.Stage != OutreachCodes.Stage.Closed);
        return TypedResults.Ok(await PageOf(query, page, db, http, JapanDate.Today(clock), cancellationToken));
    }

    private static async Task<Results<Ok<Page<CaseloadItem>>, ValidationProblem>> Overdue(
        OutreachDbContext db, HttpContext http, TimeProvider clock, string? worker, string? district, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var today = JapanDate.Today(clock);
        var query = db.Targets.AsNoTracking().Where(t => t.Stage != OutreachCodes.Stage.Closed && t.NextContactOn < today);
        if (!string.IsNullOrEmpty(worker)) query = query.Where(t => t.AssignedWorker == worker);
        if (!string.IsNullOrEmpty(district)) query = query.Where(t => t.DistrictCode == district);
        return TypedResults.Ok(await PageOf(query, page, db, http, today, cancellationToken));
    }

    private static async Task<Page<CaseloadItem>> PageOf(IQueryable<Target> query, PageRequest page, OutreachDbContext db, HttpContext http,
        DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await query.PageOf(page, t => t.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, t => t.Id, t => CaseloadItem.From(t, today));
        await db.AuditReadsAsync(http, "search", "outreach_target", result.Items.Select(t => t.Id), cancellationToken);
        return result;
    }
}
