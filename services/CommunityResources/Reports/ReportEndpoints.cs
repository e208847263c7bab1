using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;

namespace Jusou.CommunityResources.Reports;

public sealed record ParticipantCountRequest(DateOnly Month, int Participants);

public sealed record ParticipantCountResponse(Guid Id, Guid ServiceId, DateOnly Month, int Participants);

/// <summary>One row of the 実施計画 indicators: 拠点数 and 参加者数 for an area and a kind of place.</summary>
public sealed record PlacesRow(string AreaCode, string Kind, int Places, long Participants);

public sealed record PlacesReport(int FiscalYear, DateOnly From, DateOnly To, IReadOnlyList<PlacesRow> Rows, int TotalPlaces, long TotalParticipants);

public static class ReportEndpoints
{
    public static void MapReports(this IEndpointRouteBuilder api)
    {
        api.MapPost("/services/{id:guid}/participant-counts", RecordCount).WithIdempotency<CommunityResourcesDbContext>()
            .RequireRoles(AreaEndpoints.Editors).WithTags("Reports (実施計画の指標)")
            .WithName("RecordParticipantCount").WithSummary("参加者数 of a programme or place for one month.");
        api.MapGet("/reports/places", Places).WithTags("Reports (実施計画の指標)")
            .WithName("PlacesReport")
            .WithSummary("拠点数 and 参加者数 by area and kind for a fiscal year (April–March): the 地域づくり indicators of the 実施計画; " +
                "?format=json (default), csv (UTF-8 BOM, or ?encoding=shift_jis), html (printable) or pdf.");
    }

    private static async Task<Results<Created<ParticipantCountResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RecordCount(
        Guid id, ParticipantCountRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (request.Month == default) validation.Add("month", "month is required (its first day, e.g. 2026-05-01).");
        else if (request.Month.Day != 1) validation.Add("month", "month is the first day of the month counted.");
        else if (request.Month > JapanDate.Today(clock)) validation.Add("month", "month cannot be in the future.");
        if (request.Participants is < 0 or > 1_000_000) validation.Add("participants", "participants is between 0 and 1,000,000.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!await db.Services.AnyAsync(s => s.Id == id, cancellationToken)) return TypedResults.NotFound();
        if (await db.ParticipantCounts.AnyAsync(c => c.ServiceId == id && c.Month == request.Month, cancellationToken))
        {
            return Problems.Conflict("That month is counted already.");
        }
        var count = new ParticipantCount { ServiceId = id, Month = request.Month, Participants = request.Participants, RecordedBy = http.User.SubjectId() };
        db.ParticipantCounts.Add(count);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/community/reports/places?fiscalYear={FiscalYearOf(count.Month)}",
            new ParticipantCountResponse(count.Id, id, count.Month, count.Participants));
    }

    private static async Task<Results<Ok<PlacesReport>, ReportFile, ValidationProblem>> Places(
        CommunityResourcesDbContext db, int? fiscalYear, string? format, string? encoding, TimeProvider clock, CancellationToken cancellationToken)
    {
        var year = fiscalYear ?? FiscalYearOf(JapanDate.Today(clock));
        var validation = ReportSheet.CheckOutput(new Validation(), format, encoding);
        if (year is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear is between 2000 and 2100.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var report = await Compute(db, year, cancellationToken);
        if (format is null or "json") return TypedResults.Ok(report);
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Name, cancellationToken);
        return Sheet(report, areas).Answer(format, encoding, clock.GetUtcNow());
    }

    /// <summary>The places report of a fiscal year.</summary>
    public static async Task<PlacesReport> Compute(CommunityResourcesDbContext db, int year, CancellationToken cancellationToken)
    {
        var from = new DateOnly(year, 4, 1);
        var to = new DateOnly(year + 1, 3, 31);

        var placeKinds = CommunityCodes.PlaceKinds.ToList();
        var places = await db.Services.AsNoTracking()
            .Where(s => s.Status == CommunityCodes.ServiceStatus.Active && s.Kinds.Any(k => placeKinds.Contains(k)))
            .Select(s => new { s.Id, s.AreaCode, s.Kinds })
            .ToListAsync(cancellationToken);
        var participants = await db.ParticipantCounts.AsNoTracking()
            .Where(c => c.Month >= from && c.Month <= to)
            .GroupBy(c => c.ServiceId)
            .Select(g => new { ServiceId = g.Key, Participants = g.Sum(c => (long)c.Participants) })
            .ToDictionaryAsync(g => g.ServiceId, g => g.Participants, cancellationToken);

        var rows = places
            .SelectMany(p => p.Kinds.Where(CommunityCodes.PlaceKinds.Contains).Select(kind => (p.Id, p.AreaCode, Kind: kind)))
            .GroupBy(p => (p.AreaCode, p.Kind))
            .Select(g => new PlacesRow(g.Key.AreaCode, g.Key.Kind, g.Count(), g.Sum(p => participants.GetValueOrDefault(p.Id))))
            .OrderBy(r => r.AreaCode, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ToList();
        return new PlacesReport(year, from, to, rows, places.Count, places.Sum(p => participants.GetValueOrDefault(p.Id)));
    }

    /// <summary>
    /// 地域づくり in the 実績報告: 拠点数 and 参加者数 as the places report counts them (by kind of place), and 参加機関数 — the
    /// organisations on the 協働リスト now (an entry active; each organisation once).
    /// </summary>
    public static async Task<IReadOnlyList<IndicatorCount>> Indicators(CommunityResourcesDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var report = await Compute(db, from.Year, cancellationToken);
        var organisations = await db.Cooperation.AsNoTracking().Where(c => c.Active).Select(c => c.OrganisationId).Distinct().CountAsync(cancellationToken);
        return
        [
            new IndicatorCount("community_places", report.TotalPlaces,
                AnnualIndicators.Rows("種類", CommunityCodes.ServiceKinds.Where(k => CommunityCodes.PlaceKinds.Contains(k.Key)).ToDictionary(),
                    report.Rows.Select(r => ((string?)r.Kind, (long)r.Places)))),
            new IndicatorCount("community_participants", report.TotalParticipants, []),
            new IndicatorCount("community_organisations", organisations, []),
        ];
    }

    /// <summary>The report as CSV and print (ServiceDefaults/Http/ReportSheet.cs), areas by name.</summary>
    public static ReportSheet Sheet(PlacesReport report, IReadOnlyDictionary<string, string> areaNames)
    {
        var sheet = new ReportSheet("地域づくり 拠点数・参加者数", $"places-{report.FiscalYear}", "区分", "地区コード", "地区", "種類", "拠点数", "参加者数")
            .Fact("年度", report.FiscalYear, JapanDate.WarekiFiscalYear(report.FiscalYear))
            .Fact("期間", null, ReportPeriod.Text(report.From, report.To));
        foreach (var row in report.Rows)
        {
            sheet.Row("地区・種類別", row.AreaCode, areaNames.GetValueOrDefault(row.AreaCode, row.AreaCode),
                CommunityCodes.ServiceKinds.GetValueOrDefault(row.Kind, row.Kind), row.Places, row.Participants);
        }
        return sheet.Row("合計", null, "", "", report.TotalPlaces, report.TotalParticipants);
    }

    /// <summary>Japanese fiscal year: April to March, named by the year it starts.</summary>
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;
}
