using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.Privacy;

/// <summary>
/// RightsAdvocacy's part of a 開示請求: the person's guardianship matters (stages, guardians, 報酬助成 applications) and
/// 日常生活自立支援事業 contracts (visits, reviews), by Intake person id.
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(RightsAdvocacyDbContext db, SubjectQuery query, CancellationToken cancellationToken)
    {
        // RightsAdvocacy follows PersonsMerged, but a merge it has not yet received must not hide a record.
        var personIds = query.PersonIds;
        var matters = await MatterEndpoints.Matters(db).AsNoTracking().Where(m => m.PersonId != null && personIds.Contains(m.PersonId.Value))
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var contracts = await DailyLifeSupportEndpoints.Contracts(db).AsNoTracking().Where(c => c.PersonId != null && personIds.Contains(c.PersonId.Value))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return new SubjectAccessPart(new Dictionary<string, IReadOnlyList<object>>
        {
            ["guardianshipMatters"] = matters.Select(MatterResponse.From).ToList(),
            ["dailyLifeSupportContracts"] = contracts.Select(ContractResponse.From).ToList(),
        });
    }
}
