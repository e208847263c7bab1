using Jusou.Contracts.MultiAgency;

namespace Jusou.Participation.Requests;

/// <summary>
/// The MultiAgency case a request came from was closed (終結). Participation does not end with it: a person who has
/// found a place still needs 定着支援, and dropping them when the case closes is exactly the 制度切れ the programme
/// exists to prevent. The request is marked, so the coordinator sees that the case behind it has closed and decides.
/// </summary>
public sealed class SupportCaseClosedConsumer(ParticipationDbContext db) : InboxConsumer<SupportCaseClosed, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(SupportCaseClosed closed, CancellationToken cancellationToken)
    {
        var requests = await Db.Requests
            .Where(r => r.SupportCaseId == closed.CaseId && r.SupportCaseClosedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var request in requests) request.SupportCaseClosedAt = closed.OccurredAt;
    }
}
