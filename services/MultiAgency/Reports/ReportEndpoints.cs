using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Meetings;

namespace Jusou.MultiAgency.Reports;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports (報告)").RequireRoles(JusouRoles.Coordinator, JusouRoles.Manager);

        reports.MapGet("/case-conference", CaseConference)
            .WithName("GetCaseConferenceReport")
            .WithSummary("ケース共有会議(支援会議) 開催状況 for a fiscal year (?fiscalYear=2021, default the current one) or a period " +
                "(?from&to), of a meeting type (?meetingType=, default 支援会議), as json, csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable, 和暦) or pdf.");
        reports.MapGet("/case-list", CaseList)
            .WithName("GetCaseList")
            .WithSummary("支援ケース一覧: every case (?status= to narrow), oldest first, with its status, track, 相談内容, 相談経路, 世帯類型, 地区 and coordinator, " +
                "as csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf (default html); audited as a print of each case.");
    }

    /// <summary>At most this many cases on one list; a bigger municipality narrows it by status.</summary>
    private const int CaseListLimit = 5_000;

    private static async Task<Results<ReportFile, ValidationProblem>> CaseList(MultiAgencyDbContext db, HttpContext http, TimeProvider clock,
        string? status, string? format, string? encoding, CancellationToken cancellationToken)
    {
        var output = format ?? "html";
        var validation = ReportSheet.CheckOutput(new Validation().OneOf("status", status, SupportCaseCodes.Statuses), output, encoding);
        if (output == "json") validation.Add("format", "The case list is csv, html or pdf; the cases as JSON are GET /api/multiagency/cases.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var query = db.SupportCases.AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        var cases = await query.OrderBy(c => c.Id).Take(CaseListLimit).ToListAsync(cancellationToken);
        db.AuditEntries.AddRange(cases.Select(c => CaseAccess.Audit(http, "print", "support_case", c)));
        await db.SaveChangesAsync(cancellationToken);

        var sheet = new ReportSheet("支援ケース一覧", $"case-list-{JapanDate.Today(clock):yyyyMMdd}",
                "区分", "ケース番号", "受付日", "状態", "支援の枠組み", "相談内容(主なもの)", "相談経路", "世帯類型", "地区", "担当")
            .Fact("作成日", null, JapanDate.InWareki(JapanDate.Today(clock)));
        foreach (var c in cases)
        {
            sheet.Row(SupportCaseCodes.Statuses.GetValueOrDefault(c.Status, c.Status), c.Id.ToString(), JapanDate.InWareki(JapanDate.Of(c.OpenedAt)),
                SupportCaseCodes.Statuses.GetValueOrDefault(c.Status, c.Status), SupportCaseCodes.Tracks.GetValueOrDefault(c.Track, c.Track),
                Label(ReportLabels.Concerns, c.MainConcern), Label(ReportLabels.ReferralRoutes, c.ReferralRoute),
                Label(ReportLabels.HouseholdTypes, c.HouseholdType), c.DistrictCode, c.CoordinatorId);
        }
        return sheet.Answer(output, encoding, clock.GetUtcNow());
    }

    private static string Label(IReadOnlyDictionary<string, string> table, string? code) =>
        code is null ? ReportLabels.NotRecorded : table.GetValueOrDefault(code, code);

    private static async Task<Results<Ok<CaseConferenceReport>, ReportFile, PrintedPageResult, ValidationProblem>> CaseConference(
        MultiAgencyDbContext db, TimeProvider clock, int? fiscalYear, DateOnly? from, DateOnly? to, string? meetingType, string? format,
        string? encoding, CancellationToken cancellationToken)
    {
        var type = meetingType ?? MeetingCodes.SupportMeeting;
        var output = format ?? "json";
        var validation = ReportSheet.CheckOutput(new Validation().OneOf("meetingType", type, MeetingCodes.Types), output, encoding);
        if (fiscalYear is not null && (from is not null || to is not null)) validation.Add("fiscalYear", "Give either fiscalYear or from/to, not both.");
        if (fiscalYear is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear is a year such as 2021 (April 2021 – March 2022).");
        if ((from is null) != (to is null)) validation.Add(from is null ? "from" : "to", "Give both from and to.");
        if (from > to) validation.Add("to", "to is on or after from.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        DateOnly start, end;
        int? year = null;
        if (from is { } f && to is { } t) (start, end) = (f, t);
        else
        {
            // Staff's "this year" is the fiscal year of today in Japan.
            year = fiscalYear ?? CaseConferenceReport.FiscalYearOf(JapanDate.Today(clock));
            (start, end) = (new DateOnly(year.Value, 4, 1), new DateOnly(year.Value + 1, 3, 31));
        }

        var report = await CaseConferenceReport.ComputeAsync(db, type, year, start, end, cancellationToken);
        return output switch
        {
            "json" => TypedResults.Ok(report),
            "csv" => CaseConferenceDocuments.Sheet(report).Answer(output, encoding, clock.GetUtcNow()),
            _ => CaseConferenceDocuments.Page(report, clock.GetUtcNow()).ToResult(output, CaseConferenceDocuments.FileName(report)),
        };
    }
}

/// <summary>
/// The report as staff file it: the shared report sheet (ServiceDefaults/Http/ReportSheet.cs) for the CSV, and a printed
/// page in the shape of Tono's own report.
/// </summary>
public static class CaseConferenceDocuments
{
    public static string Title(CaseConferenceReport report) => $"{report.MeetingTypeLabel} 開催状況";

    public static string PeriodText(CaseConferenceReport report) => ReportPeriod.Text(report.From, report.To);

    public static string FileName(CaseConferenceReport report) => $"case-conference-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}";

    public static ReportSheet Sheet(CaseConferenceReport report)
    {
        var sheet = new ReportSheet(Title(report), FileName(report), "区分", "コード", "項目", "件数", "実人員")
            .Fact("期間", null, PeriodText(report));
        if (report.FiscalYearLabel is { } fiscalYear) sheet.Fact("年度", report.FiscalYear, fiscalYear);
        sheet.Fact("会議種別", report.MeetingType, report.MeetingTypeLabel);
        sheet.Row("開催回数", null, "開催回数", report.Meetings, null);
        foreach (var stream in report.Streams) sheet.Row("検討件数", stream.Code, stream.Label, stream.Discussions, stream.Persons);
        foreach (var decision in report.Decisions) sheet.Row("検討結果", decision.Code, decision.Label, decision.Count, null);
        sheet.Row("検討結果", null, "方針未決定", report.Undecided, null);
        sheet.Row("検討ケース数", null, "検討したケース(実数)", report.CasesDiscussed, null);
        foreach (var row in report.ReferralRoutes) sheet.Row("相談経路", row.Code, row.Label, row.Count, null);
        foreach (var row in report.HouseholdTypes) sheet.Row("世帯類型", row.Code, row.Label, row.Count, null);
        foreach (var row in report.MainConcerns) sheet.Row("相談内容(主なもの)", row.Code, row.Label, row.Count, null);
        return sheet;
    }

    /// <summary>The page in the shape of Tono's own report: ○ headings, counts with 件, only what occurred.</summary>
    public static PrintablePage Page(CaseConferenceReport report, DateTimeOffset now)
    {
        var page = new PrintablePage(Title(report))
            .Paragraph($"期間: {PeriodText(report)}{(report.FiscalYearLabel is { } year ? $"({year})" : "")}")
            .Heading("○開催回数").Paragraph($"{report.Meetings}回", "meetings")
            .Heading("○検討件数")
            .Markup("<table>" + string.Concat(report.Streams.Select(stream =>
                $"<tr><th>{PrintablePage.Encode(stream.Label)}</th><td>延べ{stream.Discussions}件(実人員{stream.Persons}件)</td></tr>")) + "</table>");
        Section(page, "○検討結果", report.Decisions);
        Section(page, "○相談経路", report.ReferralRoutes);
        Section(page, "○世帯類型", report.HouseholdTypes);
        Section(page, "○相談内容(主なものを1つ)", report.MainConcerns);
        return page.Paragraph($"検討したケース {report.CasesDiscussed}件 ・ 方針未決定の検討 {report.Undecided}件")
            .Paragraph($"作成日: {JapanDate.InWareki(JapanDate.Of(now))}", "printed");
    }

    private static void Section(PrintablePage page, string heading, IReadOnlyList<CodeCount> rows)
    {
        page.Heading(heading);
        var occurred = rows.Where(r => r.Count > 0).ToList();
        if (occurred.Count == 0) page.Paragraph("該当なし");
        else page.Markup("<table>" + string.Concat(occurred.Select(row =>
            $"<tr><th>{PrintablePage.Encode(row.Label)}</th><td class=\"count\">{row.Count}</td></tr>")) + "</table>");
    }
}
