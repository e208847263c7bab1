using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Staff;

namespace Jusou.MultiAgency.Cases;

/// <summary>A 支援経過記録 entry: its kind, the day, and what was done or said. <c>on</c> defaults to today (JST).</summary>
public sealed record ProgressRecordRequest(string Kind, [property: MaxLength(CaseProgressRecord.TextMaxLength)] string Text, DateOnly? On = null)
{
    public Validation Validate(DateOnly today)
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind)
            .OneOf("kind", Kind, SupportCaseCodes.ProgressRecordKinds);
        if (string.IsNullOrWhiteSpace(Text)) validation.Add("text", "Say what was done or said.");
        if (On > today) validation.Add("on", "A progress record is written after the fact: on cannot be in the future.");
        return validation;
    }
}

public sealed record ProgressRecordResponse(
    Guid Id, Guid CaseId, string Kind, DateOnly On, string Text, string AuthorId, string? OrganisationCode, DateTimeOffset RecordedAt)
{
    public static ProgressRecordResponse From(CaseProgressRecord r) => new(r.Id, r.CaseId, r.Kind, r.On, r.Text, r.AuthorId, r.OrganisationCode, r.RecordedAt);
}

/// <summary>
/// /cases/{id}/progress-records: 支援経過記録. Whoever may see the case may read them (the same rule, audited); the
/// coordinators and the staff of involved organisations write them, each entry signed with the author and organisation
/// of the token.
/// </summary>
public static class CaseProgressRecordEndpoints
{
    public static readonly string[] Writers = [JusouRoles.Coordinator, JusouRoles.AgencyStaff];
    private const string RecordType = "case_progress_record";

    public static void MapCaseProgressRecords(this IEndpointRouteBuilder api)
    {
        var records = api.MapGroup("/cases/{id:guid}/progress-records").WithTags("Support cases (支援ケース)").RequireRoles(CaseAccess.Readers);
        records.MapPost("/", Write).WithIdempotency<MultiAgencyDbContext>().RequireRoles(Writers)
            .WithName("WriteCaseProgressRecord")
            .WithSummary("Write a 支援経過記録 entry (面談, 訪問, 電話, 会議, 連絡調整, その他) on an open case; author and organisation come from the token.");
        records.MapGet("/", List)
            .WithName("ListCaseProgressRecords")
            .WithSummary("The case's 支援経過記録, oldest first by day; filter by kind.");
        records.MapGet("/sheet", Sheet).WithName("GetProgressRecordSheet")
            .WithSummary("支援経過記録 of the case as the printed form: every entry in date order, printable HTML (?format=html, A4) or PDF (?format=pdf); audited as a print of each entry.");
        records.MapGet("/{recordId:guid}", Get)
            .WithName("GetCaseProgressRecord")
            .WithSummary("Read one 支援経過記録 entry.");
    }

    private static async Task<Results<Created<ProgressRecordResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Write(
        Guid id, ProgressRecordRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var validation = request.Validate(JapanDate.Of(now));
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();

        var (record, refusal) = CaseProgressRecord.Write(supportCase, request.Kind, request.On ?? JapanDate.Of(now),
            Validation.Normalize(request.Text)!.Trim(), http.User.SubjectId(), http.User.OrganisationCode(), now);
        if (refusal is not null) return Problems.Conflict(refusal);
        db.CaseProgressRecords.Add(record!);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "progress_recorded", record!.Id, record.Kind));
        db.AuditEntries.Add(Audit(http, "create", record.Id, supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/multiagency/cases/{id}/progress-records/{record.Id}", ProgressRecordResponse.From(record));
    }

    private static async Task<Results<Ok<Page<ProgressRecordResponse>>, NotFound, ValidationProblem>> List(
        Guid id, MultiAgencyDbContext db, HttpContext http, string? kind, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var validation = new Validation().OneOf("kind", kind, SupportCaseCodes.ProgressRecordKinds);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();

        // Oldest first by the day of the work (entries are often written later, out of order), ties by id; the page
        // token is the last entry seen and the next page continues strictly after it in that order.
        var query = db.CaseProgressRecords.AsNoTracking().Where(r => r.CaseId == id);
        if (kind is not null) query = query.Where(r => r.Kind == kind);
        if (page.After is { } after)
        {
            var anchor = await query.Where(r => r.Id == after).Select(r => new { r.On, r.Id }).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = ["pageToken is not a token this API issued."] });
            }
            query = query.Where(r => r.On > anchor.On || (r.On == anchor.On && r.Id.CompareTo(anchor.Id) > 0));
        }
        var rows = await query.OrderBy(r => r.On).ThenBy(r => r.Id).Take(page.Size + 1).ToListAsync(cancellationToken);

        var result = page.ToPage(rows, r => r.Id, ProgressRecordResponse.From);
        // The case's list (even an empty one says what was, or was not, done for the person), then each entry shown.
        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "case_progress_records", supportCase));
        db.AuditEntries.AddRange(result.Items.Select(r => Audit(http, "search", r.Id, supportCase)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ProgressRecordResponse>, NotFound>> Get(
        Guid id, Guid recordId, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        var record = await db.CaseProgressRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId && r.CaseId == id, cancellationToken);
        if (record is null) return TypedResults.NotFound();
        db.AuditEntries.Add(Audit(http, "read", record.Id, supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ProgressRecordResponse.From(record));
    }

    /// <summary>支援経過記録, the national form: the case's entries in date order, each with its kind, author and organisation.</summary>
    private static async Task<Results<PrintedPageResult, NotFound, ValidationProblem>> Sheet(
        Guid id, string? format, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = new Validation().OneOf("format", output, PrintablePage.Formats);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        var records = await db.CaseProgressRecords.AsNoTracking().Where(r => r.CaseId == id).OrderBy(r => r.On).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var staff = await StaffMember.NamesOf(db, records.Select(r => r.AuthorId), cancellationToken);
        db.AuditEntries.Add(CaseAccess.Audit(http, "print", "case_progress_records", supportCase));
        db.AuditEntries.AddRange(records.Select(r => Audit(http, "print", r.Id, supportCase)));
        await db.SaveChangesAsync(cancellationToken);
        return new PrintablePage("支援経過記録").Confidential()
            .Fields(("ケース番号", supportCase.Id.ToString()), ("記録件数", $"{records.Count}件"))
            .Table(["年月日", "種別", "内容", "記録者(機関)"], records.Select(r => (IReadOnlyList<string?>)
                [$"{JapanDate.InWareki(r.On)}", SupportCaseCodes.ProgressRecordKinds.GetValueOrDefault(r.Kind, r.Kind), r.Text,
                 staff(r.AuthorId) + (r.OrganisationCode is null ? "" : $"({r.OrganisationCode})")]))
            .ToResult(output, $"progress-records-{id}");
    }

    /// <summary>The audit row for one entry, under the rule that lets the caller see the case.</summary>
    private static AuditEntry Audit(HttpContext http, string action, Guid recordId, SupportCase supportCase) =>
        AuditEntry.For(http, action, RecordType, recordId,
            CaseAccess.IsPartnerAgency(http.User) ? SupportCaseCodes.SharingRuleFor(supportCase.Track) : AuditEntry.RoleInTenant);
}
