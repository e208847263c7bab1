using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.Outreach;

namespace Jusou.Outreach.Targets;

// A meeting decided アウトリーチ等継続的支援事業へ for a case: outreach opens a target for it, keyed by the decision, and
// cancels it again if the decision is withdrawn before anyone has worked on it. Order-free: the two events travel on
// separate queues, so the withdrawal is remembered (WithdrawnSource) and a decision arriving after it opens nothing.

/// <summary>A meeting decided 「アウトリーチ等継続的支援事業へ」 for a case: outreach opens a target for the case's person.</summary>
public sealed class MeetingDecisionRecordedConsumer(OutreachDbContext db) : InboxConsumer<MeetingDecisionRecorded, OutreachDbContext>(db)
{
    protected override async Task HandleAsync(MeetingDecisionRecorded decision, CancellationToken cancellationToken)
    {
        if (decision.DecisionCode != MeetingDecisionTargets.Decision) return; // other decisions are other services' work
        await WithdrawnSource.LockAsync(Db, decision.DecisionId, cancellationToken);
        if (await WithdrawnSource.IsWithdrawnAsync(Db, MeetingDecisionTargets.Source, decision.DecisionId, cancellationToken)) return;
        await TargetSources.OpenOnceAsync(Db, new Target
        {
            Source = MeetingDecisionTargets.Source,
            SourceId = decision.DecisionId,
            SupportCaseId = decision.CaseId,
            PersonId = decision.PersonId,
            RaisedBy = "support_meeting",
            ConcernCodes = decision.MainConcern is null ? [] : [decision.MainConcern],
            DistrictCode = decision.DistrictCode,
            RiskLevel = "medium",
            // 把握: the day the meeting decided it.
            IdentifiedOn = decision.MeetingDate,
            OpenedAt = decision.OccurredAt,
            OpenedBy = "event:meeting_decision",
        }, cancellationToken);
    }
}

/// <summary>The decision was changed or removed: the target it opened goes, unless outreach has started working on it.</summary>
public sealed class MeetingDecisionWithdrawnConsumer(OutreachDbContext db) : InboxConsumer<MeetingDecisionWithdrawn, OutreachDbContext>(db)
{
    protected override async Task HandleAsync(MeetingDecisionWithdrawn withdrawn, CancellationToken cancellationToken)
    {
        if (withdrawn.DecisionCode != MeetingDecisionTargets.Decision) return;
        if (!await WithdrawnSource.WithdrawAsync(Db, MeetingDecisionTargets.Source, withdrawn.DecisionId, withdrawn.OccurredAt, cancellationToken))
        {
            return; // handled before, under another event id
        }
        var target = await Db.Targets.FirstOrDefaultAsync(
            t => t.Source == MeetingDecisionTargets.Source && t.SourceId == withdrawn.DecisionId, cancellationToken);
        if (target is null) return; // withdrawn before it arrived: remembered, nothing to undo

        var worked = target.HasActivity
            || await Db.ContactAttempts.AnyAsync(a => a.TargetId == target.Id, cancellationToken)
            || await Db.HandOffs.AnyAsync(h => h.TargetId == target.Id, cancellationToken);
        if (!worked) Db.Targets.Remove(target);
        Db.Publish(new OutreachTargetWithdrawn(Guid.CreateVersion7(), withdrawn.OccurredAt, withdrawn.TenantCode, target.Id,
            target.SupportCaseId, withdrawn.DecisionId, Kept: worked));
    }
}

internal static class MeetingDecisionTargets
{
    public const string Decision = "to_outreach";
    public const string Source = "meeting_decision";
}
