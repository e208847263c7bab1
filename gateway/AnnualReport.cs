using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jusou.Contracts.Codes;
using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jusou.Gateway;

/// <summary>One indicator of the 実績報告 against its target; <c>Achievement</c> is the count as a percentage of the target.</summary>
public sealed record AnnualIndicator(string Code, string Label, string Project, string Unit, long Value, long? Target, double? Achievement,
    IReadOnlyList<IndicatorRow> Rows);

/// <summary>The annual 実績報告 of one municipality and fiscal year.</summary>
public sealed record AnnualReport(int FiscalYear, string FiscalYearLabel, DateOnly From, DateOnly To, DateTimeOffset GatheredAt,
    IReadOnlyList<AnnualIndicator> Indicators);

/// <summary>
/// 実績報告: GET /api/reports/annual?fiscalYear=2026 gathers, for a manager, every service's indicators of the fiscal year
/// (GET /api/&lt;service&gt;/reports/indicators) and the targets of the municipality's 実施計画 for that year
/// (GET /api/community/plan-targets/{year}) into one report — JSON, CSV or printed. Like the 開示請求 export it is never
/// silently partial: if any service does not answer, or answers without an indicator it owns, the report is refused
/// (503 when a service is unreachable, else 502) and the problem names the services.
/// </summary>
public static class AnnualReportEndpoints
{
    public const string Path = "/api/reports/annual";

    public static void AddAnnualReport(this IHostApplicationBuilder builder, GatewayServices services)
    {
        foreach (var service in services.Names)
        {
#pragma warning disable EXTEXP0001 // No retries: a service that is down fails the report at once, with its name.
            builder.Services.AddHttpClient($"reports-{service}", client =>
            {
                client.BaseAddress = new Uri($"http://{service}");
                client.Timeout = TimeSpan.FromSeconds(30);
            }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }
    }

    public static void MapAnnualReport(this WebApplication app) =>
        app.MapGet(Path, Report).RequireRoles(JusouRoles.Manager)
            .WithName("GetAnnualReport").WithTags("Reports (実績報告)")
            .WithSummary("実績報告 of a fiscal year (?fiscalYear=2026, default the current one): each statutory project's indicators from every service, " +
                "against the 実施計画's targets; ?format=json (default), csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf.");

    private sealed record Answer(string Service, int? Status, string? Failure, ServiceIndicators? Indicators = null, Dictionary<string, long>? Targets = null);

    private sealed record TargetsAnswer(int FiscalYear, Dictionary<string, long> Targets);

    private static async Task<Results<Ok<AnnualReport>, ReportFile, ValidationProblem, ProblemHttpResult>> Report(int? fiscalYear, string? format,
        string? encoding, HttpContext http, IHttpClientFactory clients, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = fiscalYear ?? FiscalYearOf(JapanDate.Today(clock));
        var validation = ReportSheet.CheckOutput(new Validation(), format, encoding);
        if (year is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear must be between 2000 and 2100.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var owners = AnnualIndicatorCodes.All.Values.Select(d => d.Service).Distinct().ToList();
        var asked = owners.Select(service => Ask(clients, http, service, $"/api/{service}/reports/indicators?fiscalYear={year}", cancellationToken)).ToList();
        asked.Add(Ask(clients, http, "community", $"/api/community/plan-targets/{year}", cancellationToken, targets: true));
        var answers = await Task.WhenAll(asked);
        var counts = answers.Where(a => a.Indicators is not null).SelectMany(a => a.Indicators!.Indicators.Select(i => (a.Service, Indicator: i)))
            .ToDictionary(i => i.Indicator.Code);
        var failed = answers.Where(a => a.Failure is not null).ToList();
        foreach (var (code, definition) in AnnualIndicatorCodes.All)
        {
            if (failed.All(f => f.Service != definition.Service) && (!counts.TryGetValue(code, out var count) || count.Service != definition.Service))
            {
                failed.Add(new Answer(definition.Service, 200, $"answered without {code}"));
            }
        }
        if (failed.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: failed.Any(a => a.Status is null) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                title: "The 実績報告 is incomplete, so none of it is returned.",
                detail: "No complete answer from " + string.Join(", ", failed.Select(a => $"{a.Service} ({a.Failure})")) + ". Try again later.",
                extensions: new Dictionary<string, object?> { ["services"] = failed.Select(a => a.Service).Distinct().ToList() });
        }

        var targets = answers.Single(a => a.Targets is not null).Targets!;
        var report = new AnnualReport(year, JapanDate.WarekiFiscalYear(year), new DateOnly(year, 4, 1), new DateOnly(year + 1, 3, 31), clock.GetUtcNow(),
            AnnualIndicatorCodes.All.Select(entry =>
            {
                var count = counts[entry.Key].Indicator;
                long? target = targets.TryGetValue(entry.Key, out var t) ? t : null;
                double? achievement = target is > 0 ? Math.Round(100.0 * count.Value / target.Value, 1) : null;
                return new AnnualIndicator(entry.Key, entry.Value.Label, entry.Value.Project, entry.Value.Unit, count.Value, target, achievement, count.Rows);
            }).ToList());
        return format is null or "json" ? TypedResults.Ok(report) : Sheet(report).Answer(format, encoding, clock.GetUtcNow());
    }

    /// <summary>The report as CSV and print: each indicator against its target, then each breakdown.</summary>
    public static ReportSheet Sheet(AnnualReport report)
    {
        var sheet = new ReportSheet($"重層的支援体制整備事業 実績報告 {report.FiscalYearLabel}", $"annual-report-{report.FiscalYear}",
                "区分", "コード", "項目", "実績", "目標", "達成率(%)")
            .Fact("年度", report.FiscalYear, report.FiscalYearLabel)
            .Fact("期間", null, ReportPeriod.Text(report.From, report.To));
        foreach (var indicator in report.Indicators)
        {
            sheet.Row(indicator.Project, indicator.Code, $"{indicator.Label}({indicator.Unit})", indicator.Value, indicator.Target, indicator.Achievement);
        }
        foreach (var indicator in report.Indicators)
        {
            foreach (var row in indicator.Rows) sheet.Row($"{indicator.Label} 内訳({row.Group})", row.Code, row.Label, row.Count, null, null);
        }
        return sheet;
    }

    private static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    private static async Task<Answer> Ask(IHttpClientFactory clients, HttpContext http, string service, string path, CancellationToken cancellationToken,
        bool targets = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var authorization)) request.Headers.Authorization = authorization;
        request.Headers.Add(CorrelationId.HeaderName, CorrelationId.Of(http));
        try
        {
            using var response = await clients.CreateClient($"reports-{service}").SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return new Answer(service, (int)response.StatusCode, $"answered {(int)response.StatusCode}");
            return targets
                ? new Answer(service, 200, null, Targets: (await response.Content.ReadFromJsonAsync<TargetsAnswer>(cancellationToken))!.Targets)
                : new Answer(service, 200, null, await response.Content.ReadFromJsonAsync<ServiceIndicators>(cancellationToken));
        }
        catch (System.Text.Json.JsonException)
        {
            return new Answer(service, 200, "answered no readable JSON");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Answer(service, null, exception is TaskCanceledException ? "timed out" : "unreachable");
        }
    }
}
