using Jusou.Web.Gateway;

namespace Jusou.Web.Reports;

/// <summary>
/// The report files as the API makes them, passed on to the browser with the user's token: the CSV (UTF-8 with BOM,
/// for Excel) as a download, and the printable page (A4, 和暦) as it is. The printable page carries its own style
/// sheet inline, so it alone may use inline styles; it still runs no script. A download fetched by wwwroot/busy.js
/// (data-download) that fails is answered with the problem in Japanese instead of a redirect, for the page to show.
/// </summary>
public static class ReportDownloads
{
    public static void MapReportDownloads(this WebApplication app)
    {
        app.MapGet("/reports/case-conference.csv", async (GatewayApi api, int? fiscalYear, string? meetingType, HttpContext http) =>
        {
            using var answer = await api.Raw(CaseConferencePath(fiscalYear, meetingType, "csv"));
            if (!answer.IsSuccessStatusCode)
            {
                // Fetched by busy.js (it asks for problem+json): the problem in Japanese, for it to show on the page.
                if (http.Request.Headers.Accept.ToString().Contains("application/problem+json", StringComparison.Ordinal))
                {
                    var problem = await ApiProblem.Read(answer);
                    return Results.Json(new { status = problem.Status, message = problem.Message, advice = problem.Advice }, GatewayApi.Json,
                        "application/problem+json", problem.Status);
                }
                return Results.Redirect($"/reports?fiscalYear={fiscalYear}&meetingType={meetingType}&failed={(int)answer.StatusCode}");
            }
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            var name = answer.Content.Headers.ContentDisposition?.FileNameStar ?? answer.Content.Headers.ContentDisposition?.FileName?.Trim('"')
                ?? "case-conference.csv";
            return Results.File(bytes, "text/csv; charset=utf-8", name);
        });
        app.MapGet("/reports/case-conference/print", async (GatewayApi api, int? fiscalYear, string? meetingType, HttpContext http) =>
        {
            using var answer = await api.Raw(CaseConferencePath(fiscalYear, meetingType, "html"));
            if (!answer.IsSuccessStatusCode) return Results.Redirect($"/reports?fiscalYear={fiscalYear}&meetingType={meetingType}&failed={(int)answer.StatusCode}");
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
            return Results.Content(await answer.Content.ReadAsStringAsync(), "text/html; charset=utf-8");
        });
    }

    public static string CaseConferencePath(int? fiscalYear, string? meetingType, string format) =>
        $"/api/multiagency/reports/case-conference?format={format}"
        + (fiscalYear is { } year ? $"&fiscalYear={year}" : "")
        + (string.IsNullOrEmpty(meetingType) ? "" : $"&meetingType={Uri.EscapeDataString(meetingType)}");
}
