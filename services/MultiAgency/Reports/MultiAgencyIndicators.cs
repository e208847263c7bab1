using Jusou.MultiAgency.Meetings;

namespace Jusou.MultiAgency.Reports;

/// <summary>
/// 多機関協働事業 in the 実績報告: 支援プラン作成件数 — plans approved in the fiscal year (a plan is made when the meeting
/// approves it; each approved version counts, a re-plan too; drafts never approved do not) — and how many 支援会議 and
/// 重層的支援会議 were held, by their date.
/// </summary>
public static class MultiAgencyIndicators
{
    public static async Task<IReadOnlyList<IndicatorCount>> Count(MultiAgencyDbContext db, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var plans = await db.SupportPlans.AsNoTracking().CountAsync(p => p.ApprovedOn >= from && p.ApprovedOn <= to, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Date >= from && m.Date <= to)
            .GroupBy(m => m.Type).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, cancellationToken);
        return
        [
            new IndicatorCount("support_plans", plans, []),
            new IndicatorCount("support_meetings", meetings.GetValueOrDefault(MeetingCodes.SupportMeeting), []),
            new IndicatorCount("multi_layered_support_meetings", meetings.GetValueOrDefault(MeetingCodes.MultiLayeredSupportMeeting), []),
        ];
    }
}
