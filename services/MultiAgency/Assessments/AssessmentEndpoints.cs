using System.Globalization;
using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Staff;
using Jusou.MultiAgency.Cases;
using Npgsql;

namespace Jusou.MultiAgency.Assessments;

public sealed record AssessmentAreaRequest(
    string Area, string Severity, [property: MaxLength(AssessmentRequest.TextMaxLength)] string? Finding = null,
    [property: MaxLength(AssessmentRequest.TextMaxLength)] string? Need = null);

/// <summary>The whole アセスメントシート as the coordinator saves it.</summary>
public sealed record AssessmentRequest(
    DateOnly? AssessedOn,
    IReadOnlyList<AssessmentAreaRequest>? Areas,
    [property: MaxLength(AssessmentRequest.TextMaxLength)] string? Strengths = null,
    [property: MaxLength(AssessmentRequest.TextMaxLength)] string? Summary = null)
{
    public const int TextMaxLength = 4000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("assessedOn", AssessedOn)
            .Require("areas", Areas);
        if (AssessedOn > JapanDate.Of(clock.GetUtcNow())) validation.Add("assessedOn", "assessedOn cannot be in the future.");
        var areas = Areas ?? [];
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            if (area is null) { validation.Add($"areas[{i}]", "An area cannot be null."); continue; }
            validation.Require($"areas[{i}].area", area.Area).OneOf($"areas[{i}].area", area.Area, AssessmentCodes.Areas)
                .Require($"areas[{i}].severity", area.Severity).OneOf($"areas[{i}].severity", area.Severity, AssessmentCodes.Severities);
        }
        if (areas.Where(a => a is not null).GroupBy(a => a.Area).Any(g => g.Count() > 1)) validation.Add("areas", "Each area appears once.");
        return validation;
    }
}

public sealed record AssessmentAreaResponse(string Area, string Severity, string? Finding, string? Need);
public sealed record AssessmentResponse(
    Guid Id, Guid CaseId, int Number, DateOnly AssessedOn, IReadOnlyList<AssessmentAreaResponse> Areas, string? Strengths, string? Summary,
    string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AssessmentResponse From(Assessment a) => new(a.Id, a.CaseId, a.Number, a.AssessedOn,
        a.Areas.OrderBy(x => x.Area, StringComparer.Ordinal).Select(x => new AssessmentAreaResponse(x.Area, x.Severity, x.Finding, x.Need)).ToList(),
        a.Strengths, a.Summary, a.RecordedBy, a.RecordedAt);
}

/// <summary>
/// The case's アセスメントシート. Versioned rather than overwritten: PUT stores the next version, and only from the
/// version the caller read (If-Match = its number), so a concurrent save is a 412, not a silent loss; every earlier
/// version stays readable for the meeting that relied on it.
/// </summary>
public static class AssessmentEndpoints
{
    public static void MapAssessments(this IEndpointRouteBuilder api)
    {
        var assessment = api.MapGroup("/cases/{id:guid}/assessment").WithTags("Assessments (アセスメント)").RequireRoles(CaseAccess.Readers);

        assessment.MapGet("/", GetCurrent).WithName("GetAssessment")
            .WithSummary("The case's current アセスメントシート (ETag = its version number).");
        assessment.MapPut("/", Save).RequiresIfMatch().RequireRoles(CaseAccess.Writers).WithName("SaveAssessment")
            .WithSummary("Save the アセスメントシート as its next version: the first needs no If-Match, every later one the ETag of the version read.");
        assessment.MapGet("/sheet", Sheet).WithName("GetAssessmentSheet")
            .WithSummary("アセスメントシート of the current assessment: each area of life with its severity, finding and need, and the household's strengths; printable HTML or PDF (?format=pdf); audited as a print.");
        assessment.MapGet("/versions", ListVersions).WithName("ListAssessmentVersions")
            .WithSummary("Every version of the case's アセスメントシート, oldest first.");
        assessment.MapGet("/versions/{number:int}", GetVersion).WithName("GetAssessmentVersion")
            .WithSummary("One version of the case's アセスメントシート.");
    }

    private static IQueryable<Assessment> Of(MultiAgencyDbContext db, Guid caseId) =>
        db.Assessments.AsNoTracking().Include(a => a.Areas).Where(a => a.CaseId == caseId);

    private static async Task<Results<Ok<AssessmentResponse>, NotFound>> GetCurrent(
        Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var current = await Of(db, id).OrderByDescending(a => a.Number).FirstOrDefaultAsync(cancellationToken);
        if (current is null) return TypedResults.NotFound();
        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "assessment", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, (uint)current.Number);
        return TypedResults.Ok(AssessmentResponse.From(current));
    }

    /// <summary>アセスメントシート: the current assessment as the printed form.</summary>
    private static async Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Sheet(
        Guid id, string? format, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = new Validation().OneOf("format", output, PrintablePage.Formats);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var current = await Of(db, id).OrderByDescending(a => a.Number).FirstOrDefaultAsync(cancellationToken);
        if (current is null) return TypedResults.NotFound();
        var staff = await StaffMember.NamesOf(db, [current.RecordedBy], cancellationToken);
        db.AuditEntries.Add(CaseAccess.Audit(http, "print", "assessment", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return new PrintablePage("アセスメントシート").Confidential()
            .Fields(("ケース番号", supportCase.Id.ToString()), ("版", $"第{current.Number}版"),
                ("アセスメント日", $"{JapanDate.InWareki(current.AssessedOn)}({current.AssessedOn:yyyy-MM-dd})"), ("記録者", staff(current.RecordedBy)))
            .Heading("領域ごとの課題")
            .Table(["領域", "深刻度", "状況", "必要な支援"], current.Areas.Select(a => (IReadOnlyList<string?>)
                [AssessmentCodes.Areas.GetValueOrDefault(a.Area, a.Area), AssessmentCodes.Severities.GetValueOrDefault(a.Severity, a.Severity), a.Finding, a.Need]))
            .Heading("本人・世帯の強み").Paragraph(current.Strengths ?? "")
            .Heading("まとめ").Paragraph(current.Summary ?? "")
            .ToResult(output, $"assessment-{id}");
    }

    private static async Task<Results<Ok<AssessmentResponse>, NotFound>> GetVersion(
        Guid id, int number, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var version = await Of(db, id).FirstOrDefaultAsync(a => a.Number == number, cancellationToken);
        if (version is null) return TypedResults.NotFound();
        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "assessment", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AssessmentResponse.From(version));
    }

    private static async Task<Results<Ok<Page<AssessmentResponse>>, NotFound, ValidationProblem>> ListVersions(
        Guid id, MultiAgencyDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken) is not { } supportCase) return TypedResults.NotFound();
        var query = Of(db, id);
        var rows = await query.PageOf(page, a => a.Id).AsSplitQuery().ToListAsync(cancellationToken);
        db.AuditEntries.Add(CaseAccess.Audit(http, "search", "assessment", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, a => a.Id, AssessmentResponse.From));
    }

    private static async Task<Results<Created<AssessmentResponse>, Ok<AssessmentResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Save(
        Guid id, AssessmentRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        if (!SupportCaseCodes.IsOpen(supportCase.Status)) return Problems.Conflict("The case is closed (終結); reopen it to assess again.");

        var current = await db.Assessments.Where(a => a.CaseId == id).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0;
        var hasIfMatch = http.Request.Headers.IfMatch.Count > 0;
        if (current > 0 || hasIfMatch)
        {
            // The first version has nothing to be stale against; every later one must say which version it replaces.
            if (!ETags.TryReadIfMatch(http, out var read, out var problem)) return problem!;
            // If-Match: * asks that a version exists; before the first there is none.
            if (current == 0 ? read.Version != 0 : !read.Matches((uint)current)) return ETags.Stale();
        }

        var now = clock.GetUtcNow();
        var assessment = new Assessment
        {
            CaseId = id,
            Number = current + 1,
            AssessedOn = request.AssessedOn!.Value,
            Strengths = Validation.Normalize(request.Strengths),
            Summary = Validation.Normalize(request.Summary),
            RecordedBy = http.User.SubjectId(),
            RecordedAt = now,
        };
        assessment.Areas.AddRange(request.Areas!.Select(a => new AssessmentArea
        {
            AssessmentId = assessment.Id,
            Area = a.Area,
            Severity = a.Severity,
            Finding = Validation.Normalize(a.Finding),
            Need = Validation.Normalize(a.Need),
        }));
        db.Assessments.Add(assessment);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "assessment_recorded", assessment.Id, assessment.Number.ToString(CultureInfo.InvariantCulture)));
        db.AuditEntries.Add(CaseAccess.Audit(http, current == 0 ? "create" : "update", "assessment", supportCase));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
            || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ETags.Stale(); // someone saved the same next version first
        }

        ETags.Set(http, (uint)assessment.Number);
        var response = AssessmentResponse.From(assessment);
        return current == 0
            ? TypedResults.Created($"/api/multiagency/cases/{id}/assessment", response)
            : TypedResults.Ok(response);
    }
}
