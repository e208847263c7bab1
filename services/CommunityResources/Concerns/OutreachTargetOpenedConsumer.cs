using Jusou.CommunityResources.Codes;
using Jusou.Contracts.Outreach;

namespace Jusou.CommunityResources.Concerns;

/// <summary>Outreach opened a target for a concern report: the reporter now sees it as 受理 (received by outreach).</summary>
public sealed class OutreachTargetOpenedConsumer(CommunityResourcesDbContext db)
    : InboxConsumer<OutreachTargetOpened, CommunityResourcesDbContext>(db)
{
    public const string ConcernReportSource = "concern_report";

    protected override async Task HandleAsync(OutreachTargetOpened opened, CancellationToken cancellationToken)
    {
        if (opened.Source != ConcernReportSource || opened.SourceId is not { } reportId) return;
        var report = await Db.ConcernReports.FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        // Unknown report (another tenant's id, or never ours) or already taken up: nothing to change.
        if (report is null || report.Status == CommunityCodes.ConcernStatus.ReceivedByOutreach) return;
        report.Status = CommunityCodes.ConcernStatus.ReceivedByOutreach;
        report.OutreachTargetId = opened.TargetId;
        report.ReceivedByOutreachAt = opened.OccurredAt;
    }
}
