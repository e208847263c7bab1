using Jusou.ServiceDefaults;
using Jusou.Outreach.Codes;
using Jusou.Outreach.Targets;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Outreach.Reports;

public sealed record CodeCount(string Code, string? Label, int Count);

/// <summary>How many attempts each target took: the patience outreach needs, in numbers.</summary>
public sealed record AttemptSummary(int Total, int TargetsWithAttempts, double AveragePerTarget, int MaxPerTarget, IReadOnlyList<CodeCount> Distribution);

/// <summary>初回接触までの日数: from 把握 to the first time the person themselves was reached (会えた/話せた).</summary>
public sealed record FirstContactSummary(int Reached, int NotYetReached, double? AverageDays, double? MedianDays, int? MaxDays);

/// <summary>Targets identified (把握日) in the period: by stage, source and 地区, attempts per target, time to first contact.</summary>
public sealed record TargetReport(
    DateOnly From, DateOnly To, int Targets, IReadOnlyList<CodeCount> ByStage, IReadOnlyList<CodeCount> BySource,
    IReadOnlyList<CodeCount> ByDistrict, AttemptSummary Attempts, FirstContactSummary FirstContact);

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api) =>
        api.MapGet("/reports/targets", TargetReport)
            .RequireRoles(JusouRoles.OutreachWorker, JusouRoles.Coordinator, JusouRoles.Manager)
            .WithTags("Reports (実績)")
            .WithName("GetOutreachTargetReport")
            .WithSummary("Targets identified in a period (?from&to, or ?fiscalYear=2026 for April–March): by stage, source and 地区, attempts per target, days to first contact. Counts only.");

    private static readonly (string Code, int Min, int Max)[] Buckets =
        [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, int.MaxValue)];

    private static async Task<Results<Ok<TargetReport>, ValidationProblem>> TargetReport(
        OutreachDbContext db, DateOnly? from, DateOnly? to, int? fiscalYear, CancellationToken cancellationToken)
    {
        if (!ReportPeriod.TryRead(from, to, fiscalYear, out var start, out var end, out var errors)) return TypedResults.ValidationProblem(errors);

        var rows = await db.Targets.AsNoTracking()
            .Where(t => t.IdentifiedOn >= start && t.IdentifiedOn <= end)
            .Select(t => new
            {
                t.Stage, t.Source, t.DistrictCode, t.IdentifiedOn, t.FirstReachedAt,
                Attempts = db.ContactAttempts.Count(a => a.TargetId == t.Id),
            })
            .ToListAsync(cancellationToken);

        static List<CodeCount> Count(IEnumerable<string> codes, IReadOnlyDictionary<string, string>? labels) =>
            codes.GroupBy(c => c).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeCount(g.Key, labels?.GetValueOrDefault(g.Key), g.Count())).ToList();

        var attempts = rows.Select(r => r.Attempts).ToList();
        var attemptSummary = new AttemptSummary(
            attempts.Sum(), attempts.Count(a => a > 0), attempts.Count == 0 ? 0 : Math.Round(attempts.Average(), 2),
            attempts.DefaultIfEmpty(0).Max(),
            Buckets.Select(b => new CodeCount(b.Code, null, attempts.Count(a => a >= b.Min && a <= b.Max))).ToList());

        var days = rows.Where(r => r.FirstReachedAt is not null)
            .Select(r => JapanDate.Of(r.FirstReachedAt!.Value).DayNumber - r.IdentifiedOn.DayNumber).Order().ToList();
        var firstContact = new FirstContactSummary(days.Count, rows.Count - days.Count,
            days.Count == 0 ? null : Math.Round(days.Average(), 2), Median(days), days.Count == 0 ? null : days[^1]);

        return TypedResults.Ok(new TargetReport(start, end, rows.Count,
            Count(rows.Select(r => r.Stage), OutreachCodes.Stages),
            Count(rows.Select(r => r.Source), OutreachCodes.Sources),
            Count(rows.Select(r => r.DistrictCode ?? "unknown"), null),
            attemptSummary, firstContact));
    }

    private static double? Median(IReadOnlyList<int> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
}
