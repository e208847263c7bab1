using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.Reports;

/// <summary>Counts of 市民後見人 in the registry on the day of the report.</summary>
/// <param name="Active">養成研修 completed and available for a matter (活動可能).</param>
/// <param name="Assigned">Serving as guardian in at least one matter now (受任中).</param>
public sealed record CitizenGuardianCounts(int Registered, int Trained, int Active, int Assigned);

/// <summary>
/// 権利擁護 in a period. The matters opened in the period are counted by their stage today, type and petitioner;
/// petitions, starts and ends are counted by the date they happened, whenever the matter was opened.
/// </summary>
public sealed record MatterReport(
    DateOnly? From, DateOnly? To, int Opened,
    IReadOnlyDictionary<string, int> ByStage, IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByPetitioner,
    int PetitionsFiled, int MayorPetitions, int GuardianshipsStarted, int Ended,
    CitizenGuardianCounts CitizenGuardians, int ActiveDailyLifeSupportContracts);

public static class RightsReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api) =>
        api.MapGet("/reports/matters", Matters).RequireRoles(MatterEndpoints.Readers).WithTags("Reports (集計)")
            .WithName("GetRightsReport")
            .WithSummary("Matters by stage, type and petitioner; petitions (of which 市長申立), starts and ends; 市民後見人 active and assigned. " +
                         "Period: ?fiscalYear=2026 (April–March) or ?from=&to= (inclusive); none for all time. " +
                         "?format=json (default), csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf.");

    private static async Task<Results<Ok<MatterReport>, ReportFile, ValidationProblem>> Matters(
        RightsAdvocacyDbContext db, int? fiscalYear, DateOnly? from, DateOnly? to, string? format, string? encoding, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = ReportSheet.CheckOutput(new Validation(), format, encoding);
        if (fiscalYear is { } year)
        {
            if (year is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear must be between 2000 and 2100.");
            else if (from is not null || to is not null) validation.Add("fiscalYear", "Give a fiscalYear or from/to, not both.");
            else (from, to) = (new DateOnly(year, 4, 1), new DateOnly(year + 1, 3, 31));
        }
        if (from > to) validation.Add("to", "to cannot be before from.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var first = from ?? DateOnly.MinValue;
        var last = to ?? DateOnly.MaxValue;

        var opened = await db.Matters.AsNoTracking()
            .Where(m => m.OpenedOn >= first && m.OpenedOn <= last)
            .Select(m => new { m.Stage, m.Type, m.Petitioner })
            .ToListAsync(cancellationToken);
        // Stage changes are reached through their matters, which carry the tenant filter.
        var milestones = await db.Matters.AsNoTracking()
            .SelectMany(m => m.StageChanges.Where(s => s.On >= first && s.On <= last && s.FromStage != null
                    && (s.Stage == MatterStages.Petitioned || s.Stage == MatterStages.Started || s.Stage == MatterStages.Ended)),
                (m, s) => new { s.Stage, m.Petitioner })
            .ToListAsync(cancellationToken);

        var registry = await db.CitizenGuardians.AsNoTracking()
            .Select(c => new { Trained = c.TrainingCompletedOn != null, c.Available })
            .ToListAsync(cancellationToken);
        var assigned = await db.Matters.AsNoTracking()
            .Where(m => m.Stage != MatterStages.Ended)
            .SelectMany(m => m.Guardians.Where(g => g.EndedOn == null && g.CitizenGuardianId != null).Select(g => g.CitizenGuardianId))
            .Distinct()
            .CountAsync(cancellationToken);
        var activeContracts = await db.DailyLifeSupportContracts.CountAsync(c => c.Status == RightsCodes.ContractStatus.Active, cancellationToken);

        var report = new MatterReport(
            from, to, opened.Count,
            CountBy(RightsCodes.Stages, opened.Select(m => m.Stage)),
            CountBy(RightsCodes.MatterTypes, opened.Select(m => m.Type)),
            CountBy(RightsCodes.Petitioners, opened.Select(m => m.Petitioner)),
            milestones.Count(s => s.Stage == MatterStages.Petitioned),
            milestones.Count(s => s.Stage == MatterStages.Petitioned && s.Petitioner == "mayor"),
            milestones.Count(s => s.Stage == MatterStages.Started),
            milestones.Count(s => s.Stage == MatterStages.Ended),
            new CitizenGuardianCounts(registry.Count, registry.Count(c => c.Trained), registry.Count(c => c.Trained && c.Available), assigned),
            activeContracts);
        return format is null or "json" ? TypedResults.Ok(report) : Sheet(report).Answer(format, encoding, clock.GetUtcNow());
    }

    /// <summary>権利擁護 件数 in the 実績報告: matters opened in the fiscal year, by type and by petitioner.</summary>
    public static async Task<IReadOnlyList<IndicatorCount>> Indicators(RightsAdvocacyDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var opened = await db.Matters.AsNoTracking().Where(m => m.OpenedOn >= from && m.OpenedOn <= to)
            .GroupBy(m => new { m.Type, m.Petitioner }).Select(g => new { g.Key.Type, g.Key.Petitioner, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return
        [
            new IndicatorCount("rights_matters", opened.Sum(m => m.Count),
            [
                .. AnnualIndicators.Rows("類型", RightsCodes.MatterTypes, opened.Select(m => ((string?)m.Type, (long)m.Count))),
                .. AnnualIndicators.Rows("申立人", RightsCodes.Petitioners, opened.Select(m => ((string?)m.Petitioner, (long)m.Count))),
            ]),
        ];
    }

    /// <summary>The report as CSV and print (ServiceDefaults/Http/ReportSheet.cs).</summary>
    public static ReportSheet Sheet(MatterReport report)
    {
        var period = report.From is { } f && report.To is { } t ? ReportPeriod.Text(f, t) : "全期間";
        var sheet = new ReportSheet("権利擁護 実績", $"rights-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}", "区分", "コード", "項目", "件数")
            .Fact("期間", null, period)
            .Row("受付", null, "期間中に受け付けた案件", report.Opened);
        foreach (var (code, count) in report.ByStage) sheet.Row("段階別(現在)", code, RightsCodes.Stages.GetValueOrDefault(code, code), count);
        foreach (var (code, count) in report.ByType) sheet.Row("類型別", code, RightsCodes.MatterTypes.GetValueOrDefault(code, code), count);
        foreach (var (code, count) in report.ByPetitioner) sheet.Row("申立人別", code, RightsCodes.Petitioners.GetValueOrDefault(code, code), count);
        return sheet.Row("申立て・開始・終了", null, "申立て", report.PetitionsFiled)
            .Row("申立て・開始・終了", null, "うち市長申立て", report.MayorPetitions)
            .Row("申立て・開始・終了", null, "後見等開始", report.GuardianshipsStarted)
            .Row("申立て・開始・終了", null, "終了", report.Ended)
            .Row("市民後見人", null, "登録", report.CitizenGuardians.Registered)
            .Row("市民後見人", null, "養成研修修了", report.CitizenGuardians.Trained)
            .Row("市民後見人", null, "活動可能", report.CitizenGuardians.Active)
            .Row("市民後見人", null, "受任中", report.CitizenGuardians.Assigned)
            .Row("日常生活自立支援事業", null, "契約中", report.ActiveDailyLifeSupportContracts);
    }

    /// <summary>Every code of the table, zero when nothing has it, so a report always has the same shape.</summary>
    private static IReadOnlyDictionary<string, int> CountBy(IReadOnlyDictionary<string, string> table, IEnumerable<string> values)
    {
        var counts = table.Keys.ToDictionary(code => code, _ => 0);
        foreach (var value in values) counts[value] = counts.GetValueOrDefault(value) + 1;
        return counts;
    }
}
