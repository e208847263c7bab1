using Jusou.Participation.Codes;
using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.Participation;

namespace Jusou.Participation.Requests;

// A meeting decided 参加支援へ for a case: Participation opens a request for it, keyed by the decision, and cancels it
// again if the decision is withdrawn before a place was found or a session held. Order-free: a withdrawal handled
// first is remembered (WithdrawnSource) and the decision arriving after it opens nothing.

/// <summary>A meeting decided 「参加支援へ」 for a case: a request to find the person a place.</summary>
public sealed class MeetingDecisionRecordedConsumer(ParticipationDbContext db)
    : InboxConsumer<MeetingDecisionRecorded, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(MeetingDecisionRecorded decision, CancellationToken cancellationToken)
    {
        if (decision.DecisionCode != MeetingDecisionRequests.Decision) return; // other decisions are other services' work
        await WithdrawnSource.LockAsync(Db, decision.DecisionId, cancellationToken);
        if (await WithdrawnSource.IsWithdrawnAsync(Db, MeetingDecisionRequests.Source, decision.DecisionId, cancellationToken)) return;
        await RequestSources.OpenOnceAsync(Db, new ParticipationRequest
        {
            Source = MeetingDecisionRequests.Source,
            SourceId = decision.DecisionId,
            SupportCaseId = decision.CaseId,
            PersonId = decision.PersonId,
            DistrictCode = decision.DistrictCode,
            NeedCodes = decision.MainConcern is null ? [] : [decision.MainConcern],
            OpenedAt = decision.OccurredAt,
            OpenedBy = "event:meeting_decision",
        }, cancellationToken);
    }
}

/// <summary>The decision was changed or removed: the request it opened goes, unless a placement or session was recorded on it.</summary>
public sealed class MeetingDecisionWithdrawnConsumer(ParticipationDbContext db)
    : InboxConsumer<MeetingDecisionWithdrawn, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(MeetingDecisionWithdrawn withdrawn, CancellationToken cancellationToken)
    {
        if (withdrawn.DecisionCode != MeetingDecisionRequests.Decision) return;
        if (!await WithdrawnSource.WithdrawAsync(Db, MeetingDecisionRequests.Source, withdrawn.DecisionId, withdrawn.OccurredAt, cancellationToken))
        {
            return; // handled before, under another event id
        }
        var request = await Db.Requests.FirstOrDefaultAsync(
            r => r.Source == MeetingDecisionRequests.Source && r.SourceId == withdrawn.DecisionId, cancellationToken);
        if (request is null) return; // withdrawn before it arrived: remembered, nothing to undo

        var worked = request.Status != ParticipationCodes.RequestStatus.Open
            || await Db.Placements.AnyAsync(p => p.RequestId == request.Id, cancellationToken)
            || await Db.Sessions.AnyAsync(s => s.RequestId == request.Id, cancellationToken);
        if (!worked) Db.Requests.Remove(request);
        Db.Publish(new ParticipationRequestWithdrawn(Guid.CreateVersion7(), withdrawn.OccurredAt, withdrawn.TenantCode, request.Id,
            request.SupportCaseId, withdrawn.DecisionId, Kept: worked));
    }
}

internal static class MeetingDecisionRequests
{
    public const string Decision = "to_participation";
    public const string Source = "meeting_decision";
}
