using System.ComponentModel.DataAnnotations;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;
using Jusou.Contracts.CommunityResources;

namespace Jusou.CommunityResources.Concerns;

public sealed record ConcernReportRequest(
    string ReporterKind, IReadOnlyList<string> ConcernCodes, string RiskLevel, string? DistrictCode = null,
    [property: MaxLength(ConcernReportRequest.TextMaxLength)] string? PersonDescription = null,
    [property: MaxLength(ConcernReportRequest.TextMaxLength)] string? Details = null, DateOnly? NoticedOn = null)
{
    public const int TextMaxLength = 2000;

    public async Task<Validation> Validate(CommunityResourcesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this)
            .Require("reporterKind", ReporterKind).OneOf("reporterKind", ReporterKind, CommunityCodes.ReporterKinds)
            .Require("riskLevel", RiskLevel).OneOf("riskLevel", RiskLevel, CommunityCodes.RiskLevels);
        if (ConcernCodes is null || ConcernCodes.Count == 0) validation.Add("concernCodes", "Tick at least one concern.");
        else if (ConcernCodes.Count > CommunityCodes.Concerns.Count) validation.Add("concernCodes", "Too many concerns.");
        foreach (var code in ConcernCodes ?? []) validation.OneOf("concernCodes", code, CommunityCodes.Concerns);
        if (NoticedOn is { } on && on > JapanDate.Today(clock)) validation.Add("noticedOn", "noticedOn cannot be in the future.");
        if (validation.IsValid) await validation.CheckExists(db, "districtCode", DistrictCode, cancellationToken);
        return validation;
    }
}

/// <summary>What the reporter sees: that the report arrived and whether Outreach took it up — never more.</summary>
public sealed record ConcernReportStatus(Guid Id, string Status, DateTimeOffset ReportedAt, DateTimeOffset? ReceivedByOutreachAt)
{
    public static ConcernReportStatus From(ConcernReport r) => new(r.Id, r.Status, r.ReportedAt, r.ReceivedByOutreachAt);
}

/// <summary>The whole report, for outreach workers and managers (audited).</summary>
public sealed record ConcernReportResponse(
    Guid Id, string ReporterKind, string ReportedBy, string? ReporterOrganisation, string? DistrictCode, IReadOnlyList<string> ConcernCodes,
    string RiskLevel, string? PersonDescription, string? Details, DateOnly? NoticedOn, DateTimeOffset ReportedAt, string Status,
    Guid? OutreachTargetId, DateTimeOffset? ReceivedByOutreachAt)
{
    public static ConcernReportResponse From(ConcernReport r) => new(r.Id, r.ReporterKind, r.ReportedBy, r.ReporterOrganisation, r.DistrictCode,
        r.ConcernCodes, r.RiskLevel, r.PersonDescription, r.Details, r.NoticedOn, r.ReportedAt, r.Status, r.OutreachTargetId, r.ReceivedByOutreachAt);
}

public static class ConcernReportEndpoints
{
    public static readonly string[] Reporters = [JusouRoles.CommunityStaff, JusouRoles.Manager];
    public static readonly string[] Readers = [JusouRoles.OutreachWorker, JusouRoles.Manager];

    public static void MapConcernReports(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/concern-reports").WithTags("Concern reports (気になる人)");
        reports.MapPost("/", Report).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(Reporters)
            .WithName("ReportConcern")
            .WithSummary("気になる人: record a concern from a 民生委員, neighbour or shop; Outreach is told with codes only (ConcernReported).");
        reports.MapGet("/mine", Mine).RequireRoles(Reporters)
            .WithName("MyConcernReports").WithSummary("The caller's own reports: status only.");
        reports.MapGet("/{id:guid}/status", Status)
            .WithName("GetConcernReportStatus").WithSummary("Status of a report, for the person who entered it (or outreach).")
            .WithDescription("Any signed-in caller may ask, but only the report's own reporter (token `sub`) and outreach workers and managers "
                + "get an answer: for anyone else the report does not exist (404), so nobody learns whose concerns were reported.");
        reports.MapGet("/{id:guid}", Get).RequireRoles(Readers)
            .WithName("GetConcernReport").WithSummary("The whole report, for outreach workers and managers (audited).");
    }

    private static async Task<Results<Created<ConcernReportStatus>, ValidationProblem>> Report(
        ConcernReportRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, clock, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var now = clock.GetUtcNow();
        var report = new ConcernReport
        {
            ReporterKind = request.ReporterKind,
            ReportedBy = http.User.SubjectId(),
            ReporterOrganisation = http.User.OrganisationCode(),
            DistrictCode = request.DistrictCode,
            ConcernCodes = request.ConcernCodes.Distinct().ToList(),
            RiskLevel = request.RiskLevel,
            PersonDescription = Validation.Normalize(request.PersonDescription),
            Details = Validation.Normalize(request.Details),
            NoticedOn = request.NoticedOn,
            ReportedAt = now,
        };
        db.ConcernReports.Add(report);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "concern_report", report.Id));
        db.Publish(new ConcernReported(Guid.CreateVersion7(), now, db.Tenant.Required, report.Id, report.DistrictCode, report.ReporterKind,
            report.ConcernCodes, report.RiskLevel));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/community/concern-reports/{report.Id}/status", ConcernReportStatus.From(report));
    }

    private static async Task<Results<Ok<Page<ConcernReportStatus>>, ValidationProblem>> Mine(
        CommunityResourcesDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var subject = http.User.SubjectId();
        var query = db.ConcernReports.AsNoTracking().Where(r => r.ReportedBy == subject);
        var rows = await query.PageOf(page, r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, r => r.Id, ConcernReportStatus.From));
    }

    private static async Task<Results<Ok<ConcernReportStatus>, NotFound>> Status(
        Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await db.ConcernReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        // Someone else's report does not exist for the caller, unless outreach follows it up.
        var mayFollow = Readers.Any(http.User.IsInRole) || report?.ReportedBy == http.User.SubjectId();
        if (report is null || !mayFollow || http.User.SubjectId().Length == 0) return TypedResults.NotFound();
        // Only the status is shown, but whose report was looked at, and by whom, is itself worth a line in the audit.
        db.AuditEntries.Add(AuditEntry.For(http, "read_status", "concern_report", id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ConcernReportStatus.From(report));
    }

    private static async Task<Results<Ok<ConcernReportResponse>, NotFound>> Get(
        Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var report = await db.ConcernReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "concern_report", id, cancellationToken: cancellationToken);
        return TypedResults.Ok(ConcernReportResponse.From(report));
    }
}
