using Jusou.Participation.Codes;

namespace Jusou.Participation.Reports;

public sealed record CodeCount(string Code, string? Label, int Count);

/// <summary>
/// 参加支援 in a period, counts only: placements under way at any time in it (started on or before its end, not ended
/// before its start) and the distinct people they belong to (the Intake person, else the request) — 支援対象者数 — by kind, 地区 and stage now;
/// placements started and ended in it (with end reasons); and 協力事業者数, the 実施計画 indicator: distinct host
/// organisations that had someone in the period, next to those with an opportunity open today.
/// </summary>
public sealed record PlacementReport(
    DateOnly From, DateOnly To, int Participants, int Placements, int PlacementsStarted, int PlacementsEnded,
    IReadOnlyList<CodeCount> ParticipantsByKind, IReadOnlyList<CodeCount> ParticipantsByDistrict, IReadOnlyList<CodeCount> PlacementsByStage,
    IReadOnlyList<CodeCount> EndReasons, int HostOrganisationsWithParticipants, int HostOrganisationsOpen, int RequestsOpened);

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api) =>
        api.MapGet("/reports/placements", PlacementReport).RequireRoles(ParticipationRoles.Readers).WithTags("Reports (実績)")
            .WithName("GetParticipationReport")
            .WithSummary("Participants and placements in a period (?from&to, or ?fiscalYear=2026 for April–March) by kind, 地区 and stage, end reasons, and 協力事業者数. Counts only; " +
                "?format=json (default), csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf.");

    private static async Task<Results<Ok<PlacementReport>, ReportFile, ValidationProblem>> PlacementReport(
        ParticipationDbContext db, DateOnly? from, DateOnly? to, int? fiscalYear, string? format, string? encoding, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var output = ReportSheet.CheckOutput(new Validation(), format, encoding);
        if (!ReportPeriod.TryRead(from, to, fiscalYear, out var start, out var end, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!output.IsValid) return TypedResults.ValidationProblem(output.Errors);

        var report = await Compute(db, start, end, cancellationToken);
        return format is null or "json" ? TypedResults.Ok(report) : Sheet(report).Answer(format, encoding, clock.GetUtcNow());
    }

    /// <summary>The report of a period, counted in the database and here.</summary>
    public static async Task<PlacementReport> Compute(ParticipationDbContext db, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var rows = await (
                from placement in db.Placements.AsNoTracking()
                join opportunity in db.Opportunities.AsNoTracking() on placement.OpportunityId equals opportunity.Id
                join request in db.Requests.AsNoTracking() on placement.RequestId equals request.Id
                where placement.StartedOn <= end && (placement.EndedOn == null || placement.EndedOn >= start)
                select new
                {
                    placement.RequestId, Person = request.PersonId ?? request.Id, placement.Stage, placement.StartedOn, placement.EndedOn, placement.EndReason,
                    opportunity.Kind, opportunity.HostOrganisationCode, District = request.DistrictCode ?? opportunity.DistrictCode,
                })
            .ToListAsync(cancellationToken);
        var hostsOpen = await db.Opportunities.AsNoTracking().Where(o => o.ListedInDirectory && o.Accepting)
            .Select(o => o.HostOrganisationCode).Distinct().CountAsync(cancellationToken);
        // The period's days are days in Japan; PostgreSQL takes the instants in UTC.
        var openedFrom = JapanDate.StartOf(start);
        var openedBefore = JapanDate.StartOf(end.AddDays(1));
        var requestsOpened = await db.Requests.AsNoTracking().CountAsync(r => r.OpenedAt >= openedFrom && r.OpenedAt < openedBefore, cancellationToken);

        // A person counts once per kind (or 地区) however many placements of that kind they had.
        static List<CodeCount> Distinct<T>(IEnumerable<(string Code, T Who)> pairs, IReadOnlyDictionary<string, string>? labels) =>
            pairs.Distinct().GroupBy(p => p.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeCount(g.Key, labels?.GetValueOrDefault(g.Key), g.Count())).ToList();
        var ended = rows.Where(r => r.EndedOn is { } e && e >= start && e <= end).ToList();

        return new PlacementReport(start, end,
            rows.Select(r => r.Person).Distinct().Count(),
            rows.Count,
            rows.Count(r => r.StartedOn >= start),
            ended.Count,
            Distinct(rows.Select(r => (r.Kind, r.Person)), ParticipationCodes.OpportunityKinds),
            Distinct(rows.Select(r => (r.District ?? "unknown", r.Person)), null),
            rows.GroupBy(r => r.Stage).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeCount(g.Key, ParticipationCodes.Stages[g.Key], g.Count())).ToList(),
            ended.GroupBy(r => r.EndReason ?? "other").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CodeCount(g.Key, ParticipationCodes.EndReasons.GetValueOrDefault(g.Key), g.Count())).ToList(),
            rows.Select(r => r.HostOrganisationCode).Distinct().Count(),
            hostsOpen,
            requestsOpened);
    }

    /// <summary>参加支援 in the 実績報告: 支援対象者数 (by kind of place) and 協力事業者数 of the fiscal year, as the report counts them.</summary>
    public static async Task<IReadOnlyList<IndicatorCount>> Indicators(ParticipationDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var report = await Compute(db, from, to, cancellationToken);
        return
        [
            new IndicatorCount("participation_participants", report.Participants,
                AnnualIndicators.Rows("参加の場の種類", ParticipationCodes.OpportunityKinds, report.ParticipantsByKind.Select(r => ((string?)r.Code, (long)r.Count)))),
            new IndicatorCount("participation_hosts", report.HostOrganisationsWithParticipants, []),
        ];
    }

    /// <summary>The report as CSV and print (ServiceDefaults/Http/ReportSheet.cs).</summary>
    public static ReportSheet Sheet(PlacementReport report)
    {
        var sheet = new ReportSheet("参加支援 実績", $"participation-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}", "区分", "コード", "項目", "件数")
            .Fact("期間", null, ReportPeriod.Text(report.From, report.To));
        sheet.Row("支援対象者数", null, "支援対象者数(実人員)", report.Participants)
            .Row("参加", null, "参加(期間中)", report.Placements)
            .Row("参加", null, "参加開始", report.PlacementsStarted)
            .Row("参加", null, "参加終了", report.PlacementsEnded)
            .Row("協力事業者数", null, "参加者のいた協力事業者", report.HostOrganisationsWithParticipants)
            .Row("協力事業者数", null, "受入中の協力事業者(本日)", report.HostOrganisationsOpen)
            .Row("依頼", null, "参加支援の依頼(受付)", report.RequestsOpened);
        foreach (var row in report.ParticipantsByKind) sheet.Row("参加の場の種類別 対象者数", row.Code, row.Label ?? row.Code, row.Count);
        foreach (var row in report.ParticipantsByDistrict) sheet.Row("地区別 対象者数", row.Code, row.Label ?? row.Code, row.Count);
        foreach (var row in report.PlacementsByStage) sheet.Row("段階別 参加", row.Code, row.Label ?? row.Code, row.Count);
        foreach (var row in report.EndReasons) sheet.Row("終了理由", row.Code, row.Label ?? row.Code, row.Count);
        return sheet;
    }
}
