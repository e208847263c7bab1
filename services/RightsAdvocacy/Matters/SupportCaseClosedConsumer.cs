using Jusou.Contracts.MultiAgency;

namespace Jusou.RightsAdvocacy.Matters;

/// <summary>
/// A MultiAgency case was closed (終結): the guardianship matters and 日常生活自立支援事業 contracts opened for it record
/// the closure. Neither is ended with the case: a matter follows the court's process and a contract is the person's own
/// agreement with the 社協; only their own stage or ending closes them. The first closure is kept (a redelivery or a
/// later re-closure after a reopen changes nothing).
/// </summary>
public sealed class SupportCaseClosedConsumer(RightsAdvocacyDbContext db) : InboxConsumer<SupportCaseClosed, RightsAdvocacyDbContext>(db)
{
    protected override async Task HandleAsync(SupportCaseClosed closed, CancellationToken cancellationToken)
    {
        var matters = await Db.Matters.Where(m => m.SupportCaseId == closed.CaseId && m.SupportCaseClosedAt == null).ToListAsync(cancellationToken);
        foreach (var matter in matters) matter.SupportCaseClosedAt = closed.OccurredAt;
        var contracts = await Db.DailyLifeSupportContracts.Where(c => c.SupportCaseId == closed.CaseId && c.SupportCaseClosedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var contract in contracts) contract.SupportCaseClosedAt = closed.OccurredAt;
    }
}
