using Jusou.CommunityResources.Concerns;

namespace Jusou.CommunityResources.Privacy;

/// <summary>
/// CommunityResources' part of a 開示請求. Nothing here carries an Intake person id: the people records are クロス人材
/// and volunteers (the community's helpers, not its residents in need), and a 気になる人 report describes the person in
/// the reporter's words only. So the reports come in as <c>linked</c> ids — the ones Outreach opened the person's
/// targets from — and are returned whole (the reporter's identity included: 不開示 of third-party parts is the
/// municipality's decision on the assembled document, 個人情報保護法 第78条).
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(CommunityResourcesDbContext db, SubjectQuery query, CancellationToken cancellationToken)
    {
        var linked = query.Linked;
        var reports = await db.ConcernReports.AsNoTracking().Where(r => linked.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return new SubjectAccessPart(new Dictionary<string, IReadOnlyList<object>>
        {
            ["concernReports"] = reports.Select(ConcernReportResponse.From).ToList(),
        });
    }
}
