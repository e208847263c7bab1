using Jusou.Outreach.Codes;
using Jusou.Outreach.Targets;

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
            .WithSummary("Targets identified in a period (?from&to, or ?fiscalYear=2026 for April–March): by stage, source and 地区, attempts per target, days to first contact. Counts only; " +
                "?format=json (default), csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf.");

    private static readonly (string Code, int Min, int Max)[] Buckets =
        [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5), ("6-10", 6, 10), ("11+", 11, int.MaxValue)];

    private static async Task<Results<Ok<TargetReport>, ReportFile, ValidationProblem>> TargetReport(
        OutreachDbContext db, DateOnly? from, DateOnly? to, int? fiscalYear, string? format, string? encoding, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var output = ReportSheet.CheckOutput(new Validation(), format, encoding);
        if (!ReportPeriod.TryRead(from, to, fiscalYear, out var start, out var end, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!output.IsValid) return TypedResults.ValidationProblem(output.Errors);

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

        var report = new TargetReport(start, end, rows.Count,
            Count(rows.Select(r => r.Stage), OutreachCodes.Stages),
            Count(rows.Select(r => r.Source), OutreachCodes.Sources),
            Count(rows.Select(r => r.DistrictCode ?? "unknown"), null),
            attemptSummary, firstContact);
        return format is null or "json" ? TypedResults.Ok(report) : Sheet(report).Answer(format, encoding, clock.GetUtcNow());
    }

    /// <summary>
    /// アウトリーチ in the 実績報告: 支援対象者数 — targets identified (把握) in the fiscal year — by 接触状況 (their stage now)
    /// and by whether the person themselves has been reached.
    /// </summary>
    public static async Task<IReadOnlyList<IndicatorCount>> Indicators(OutreachDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var targets = await db.Targets.AsNoTracking().Where(t => t.IdentifiedOn >= from && t.IdentifiedOn <= to)
            .GroupBy(t => new { t.Stage, Reached = t.FirstReachedAt != null })
            .Select(g => new { g.Key.Stage, g.Key.Reached, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return
        [
            new IndicatorCount("outreach_targets", targets.Sum(t => t.Count),
            [
                .. AnnualIndicators.Rows("接触状況(段階)", OutreachCodes.Stages, targets.Select(t => ((string?)t.Stage, (long)t.Count))),
                .. AnnualIndicators.Rows("本人との接触", new Dictionary<string, string> { ["reached"] = "会えた・話せた", ["not_yet_reached"] = "まだ会えていない" },
                    targets.Select(t => ((string?)(t.Reached ? "reached" : "not_yet_reached"), (long)t.Count))),
            ]),
        ];
    }

    /// <summary>The report as CSV and print (ServiceDefaults/Http/ReportSheet.cs).</summary>
    public static ReportSheet Sheet(TargetReport report)
    {
        var sheet = new ReportSheet("アウトリーチ等継続的支援 実績", $"outreach-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}", "区分", "コード", "項目", "件数")
            .Fact("期間", null, ReportPeriod.Text(report.From, report.To));
        sheet.Row("対象者数", null, "把握した対象者", report.Targets);
        foreach (var row in report.ByStage) sheet.Row("段階別(接触状況)", row.Code, row.Label ?? row.Code, row.Count);
        foreach (var row in report.BySource) sheet.Row("把握経路別", row.Code, row.Label ?? row.Code, row.Count);
        foreach (var row in report.ByDistrict) sheet.Row("地区別", row.Code, row.Label ?? row.Code, row.Count);
        sheet.Row("接触の試み", null, "試みの延べ回数", report.Attempts.Total)
            .Row("接触の試み", null, "試みのあった対象者", report.Attempts.TargetsWithAttempts);
        foreach (var row in report.Attempts.Distribution) sheet.Row("対象者あたりの試みの回数", row.Code, $"{row.Code}回", row.Count);
        sheet.Row("初回接触", null, "本人に会えた・話せた", report.FirstContact.Reached)
            .Row("初回接触", null, "まだ会えていない", report.FirstContact.NotYetReached);
        return sheet;
    }

    private static double? Median(IReadOnlyList<int> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
}
