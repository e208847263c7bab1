using Jusou.Intake.Codes;

namespace Jusou.Intake.Reports;

/// <summary>
/// 相談受付件数 of the 実績報告: consultations received in the fiscal year (days in Japan), every consultation once — 延べ,
/// anonymous ones too — by 相談経路 and by 相談内容 (the main concern).
/// </summary>
public static class IntakeIndicators
{
    public static async Task<IReadOnlyList<IndicatorCount>> Count(IntakeDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (JapanDate.StartOf(from), JapanDate.StartOf(to.AddDays(1)));
        var received = db.Consultations.AsNoTracking().Where(c => c.ReceivedAt >= start && c.ReceivedAt < end);
        var byRoute = await received.GroupBy(c => c.ReferralRoute).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byConcern = await received.GroupBy(c => c.MainConcern).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return
        [
            new IndicatorCount("consultations", byRoute.Sum(r => r.Count),
            [
                .. AnnualIndicators.Rows("相談経路", IntakeCodes.ReferralRoutes, byRoute.Select(r => (r.Key, (long)r.Count))),
                .. AnnualIndicators.Rows("相談内容(主なもの)", IntakeCodes.Concerns, byConcern.Select(r => (r.Key, (long)r.Count))),
            ]),
        ];
    }
}
