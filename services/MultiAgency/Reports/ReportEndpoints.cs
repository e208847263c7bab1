using Jusou.ServiceDefaults;
using System.Globalization;
using System.Net;
using System.Text;
using Jusou.MultiAgency.Meetings;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jusou.MultiAgency.Reports;

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports (報告)").RequireRoles(JusouRoles.Coordinator, JusouRoles.Manager);

        reports.MapGet("/case-conference", CaseConference)
            .WithName("GetCaseConferenceReport")
            .WithSummary("ケース共有会議(支援会議) 開催状況 for a fiscal year (?fiscalYear=2021, default the current one) or a period " +
                "(?from&to), of a meeting type (?meetingType=, default 支援会議), as json, csv (UTF-8 BOM) or html (printable, 和暦).");
    }

    private static async Task<Results<Ok<CaseConferenceReport>, FileContentHttpResult, ContentHttpResult, ValidationProblem>> CaseConference(
        MultiAgencyDbContext db, TimeProvider clock, int? fiscalYear, DateOnly? from, DateOnly? to, string? meetingType, string? format,
        CancellationToken cancellationToken)
    {
        var type = meetingType ?? MeetingCodes.SupportMeeting;
        var output = format ?? "json";
        var validation = new Validation()
            .OneOf("meetingType", type, MeetingCodes.Types)
            .OneOf("format", output, ReportLabels.Formats);
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
            "csv" => TypedResults.File(CaseConferenceDocuments.Csv(report), "text/csv; charset=utf-8",
                $"case-conference-{start:yyyyMMdd}-{end:yyyyMMdd}.csv"),
            "html" => TypedResults.Content(CaseConferenceDocuments.Html(report, clock.GetUtcNow()), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(report),
        };
    }
}

/// <summary>The report as staff file it: a CSV that Excel opens with the Japanese intact, and a printable page in 和暦.</summary>
public static class CaseConferenceDocuments
{
    public static string Title(CaseConferenceReport report) => $"{report.MeetingTypeLabel} 開催状況";

    public static string PeriodText(CaseConferenceReport report) =>
        $"{JapanDate.InWareki(report.From)}～{JapanDate.InWareki(report.To)}({report.From:yyyy-MM-dd}～{report.To:yyyy-MM-dd})";

    /// <summary>UTF-8 with a byte order mark and CRLF: what Excel on Japanese Windows needs to read it without mojibake.</summary>
    public static byte[] Csv(CaseConferenceReport report)
    {
        var csv = new StringBuilder();
        void Line(params object?[] fields) => csv.Append(string.Join(",", fields.Select(Field))).Append("\r\n");

        Line("区分", "コード", "項目", "件数", "実人員");
        Line("表題", null, Title(report), null, null);
        Line("期間", null, PeriodText(report), null, null);
        if (report.FiscalYearLabel is { } fiscalYear) Line("年度", report.FiscalYear, fiscalYear, null, null);
        Line("会議種別", report.MeetingType, report.MeetingTypeLabel, null, null);
        Line("開催回数", null, "開催回数", report.Meetings, null);
        foreach (var stream in report.Streams) Line("検討件数", stream.Code, stream.Label, stream.Discussions, stream.Persons);
        foreach (var decision in report.Decisions) Line("検討結果", decision.Code, decision.Label, decision.Count, null);
        Line("検討結果", null, "方針未決定", report.Undecided, null);
        Line("検討ケース数", null, "検討したケース(実数)", report.CasesDiscussed, null);
        foreach (var row in report.ReferralRoutes) Line("相談経路", row.Code, row.Label, row.Count, null);
        foreach (var row in report.HouseholdTypes) Line("世帯類型", row.Code, row.Label, row.Count, null);
        foreach (var row in report.MainConcerns) Line("相談内容(主なもの)", row.Code, row.Label, row.Count, null);

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. preamble, .. body];
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            int number => number.ToString(CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A leading =, +, - or @ would be run as a formula by Excel; codes and labels never start so, but keep it safe.
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    /// <summary>The page in the shape of Tono's own report: ○ headings, counts with 件, only what occurred.</summary>
    public static string Html(CaseConferenceReport report, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{{Encode(Title(report))}}</title>
            <style>
              body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem; color: #111; }
              h1 { font-size: 1.4rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
              h2 { font-size: 1.1rem; margin-top: 1.2rem; }
              table { border-collapse: collapse; margin: .4rem 0; min-width: 60%; }
              th, td { border: 1px solid #555; padding: .25rem .5rem; text-align: left; }
              th { font-weight: normal; }
              td.count { text-align: right; width: 6rem; }
              @media print { body { margin: 0; } @page { size: A4; margin: 15mm; } }
            </style></head><body>
            <h1>{{Encode(Title(report))}}</h1>
            """);
        html.Append($"<p>期間: {Encode(PeriodText(report))}{(report.FiscalYearLabel is { } year ? $"({Encode(year)})" : "")}</p>");
        html.Append($"<h2>○開催回数</h2><p class=\"meetings\">{report.Meetings}回</p>");
        html.Append("<h2>○検討件数</h2><table>");
        foreach (var stream in report.Streams)
        {
            html.Append($"<tr><th>{Encode(stream.Label)}</th><td>延べ{stream.Discussions}件(実人員{stream.Persons}件)</td></tr>");
        }
        html.Append("</table>");
        Section(html, "○検討結果", report.Decisions);
        Section(html, "○相談経路", report.ReferralRoutes);
        Section(html, "○世帯類型", report.HouseholdTypes);
        Section(html, "○相談内容(主なものを1つ)", report.MainConcerns);
        html.Append($"<p>検討したケース {report.CasesDiscussed}件 ・ 方針未決定の検討 {report.Undecided}件</p>");
        html.Append($"<p class=\"printed\">作成日: {Encode(JapanDate.InWareki(JapanDate.Of(now)))}</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Section(StringBuilder html, string heading, IReadOnlyList<CodeCount> rows)
    {
        html.Append($"<h2>{Encode(heading)}</h2>");
        var occurred = rows.Where(r => r.Count > 0).ToList();
        if (occurred.Count == 0)
        {
            html.Append("<p>該当なし</p>");
            return;
        }
        html.Append("<table>");
        foreach (var row in occurred) html.Append($"<tr><th>{Encode(row.Label)}</th><td class=\"count\">{row.Count}</td></tr>");
        html.Append("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

}
