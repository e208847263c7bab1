using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jusou.ServiceDefaults.Http;

/// <summary>One line of an indicator's breakdown: a group (相談経路, 接触状況 …), a code and its label, a count.</summary>
public sealed record IndicatorRow(string Group, string Code, string Label, long Count);

/// <summary>One indicator of the annual 実績報告 (a code of Jusou.Contracts.Codes.AnnualIndicatorCodes) as a service counts it.</summary>
public sealed record IndicatorCount(string Code, long Value, IReadOnlyList<IndicatorRow> Rows);

/// <summary>What one service answers the gateway for the 実績報告 of a fiscal year.</summary>
public sealed record ServiceIndicators(string Service, int FiscalYear, DateOnly From, DateOnly To, IReadOnlyList<IndicatorCount> Indicators);

/// <summary>
/// Each service's part of the annual 実績報告: GET /api/&lt;service&gt;/reports/indicators?fiscalYear=2026 (manager), counts
/// only, for the Japanese fiscal year (April to March). The gateway gathers every service's part into one report
/// (gateway/AnnualReport.cs); the counting itself stays with the service that holds the records.
/// </summary>
public static class AnnualIndicators
{
    public const string Path = "/reports/indicators";

    public static RouteHandlerBuilder MapAnnualIndicators<TDb>(this IEndpointRouteBuilder api, string service,
        Func<TDb, DateOnly, DateOnly, CancellationToken, Task<IReadOnlyList<IndicatorCount>>> count) where TDb : class =>
        api.MapGet(Path, async Task<Results<Ok<ServiceIndicators>, ValidationProblem>> (int? fiscalYear, TDb db, CancellationToken cancellationToken) =>
            {
                var validation = new Validation().Require("fiscalYear", fiscalYear);
                if (fiscalYear is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear must be between 2000 and 2100.");
                if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
                var (from, to) = (new DateOnly(fiscalYear!.Value, 4, 1), new DateOnly(fiscalYear.Value + 1, 3, 31));
                return TypedResults.Ok(new ServiceIndicators(service, fiscalYear.Value, from, to, await count(db, from, to, cancellationToken)));
            })
            .RequireRoles(JusouRoles.Manager).WithTags("Reports (実績報告)")
            .WithName("GetAnnualIndicators")
            .WithSummary("This service's indicators of the annual 実績報告 for ?fiscalYear= (counts only; the gateway gathers them: GET /api/reports/annual).");

    /// <summary>Counts by code in the order of the code table (zeros too), codes outside it after.</summary>
    public static List<IndicatorRow> Rows(string group, IReadOnlyDictionary<string, string> table, IEnumerable<(string? Code, long Count)> counts)
    {
        var totals = new Dictionary<string, long>();
        foreach (var (code, count) in counts) totals[code ?? "not_recorded"] = totals.GetValueOrDefault(code ?? "not_recorded") + count;
        var rows = table.Select(entry => new IndicatorRow(group, entry.Key, entry.Value, totals.GetValueOrDefault(entry.Key))).ToList();
        rows.AddRange(totals.Where(t => !table.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new IndicatorRow(group, t.Key, t.Key == "not_recorded" ? "未記入" : t.Key, t.Value)));
        return rows;
    }
}
