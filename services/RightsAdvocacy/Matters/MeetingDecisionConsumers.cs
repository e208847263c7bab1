using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.RightsAdvocacy;

namespace Jusou.RightsAdvocacy.Matters;

// A meeting decided 権利擁護へ for a case: the 中核機関 opens a matter at 相談 for it, keyed by the decision, and cancels
// it again if the decision is withdrawn while nothing has been recorded on the matter. Order-free: a withdrawal handled
// first is remembered (WithdrawnSource) and the decision arriving after it opens nothing.

/// <summary>A meeting decided 「権利擁護へ」 for a case: a matter at 相談, tied to the case so its milestones reach the timeline.</summary>
public sealed class MeetingDecisionRecordedConsumer(RightsAdvocacyDbContext db, TimeProvider clock)
    : InboxConsumer<MeetingDecisionRecorded, RightsAdvocacyDbContext>(db)
{
    public const string Decision = "to_rights_advocacy";
    public const string Source = "meeting_decision";

    protected override async Task HandleAsync(MeetingDecisionRecorded decision, CancellationToken cancellationToken)
    {
        if (decision.DecisionCode != Decision) return;
        await WithdrawnSource.LockAsync(Db, decision.DecisionId, cancellationToken);
        if (await WithdrawnSource.IsWithdrawnAsync(Db, Source, decision.DecisionId, cancellationToken)) return;
        // The same decision re-sent under another event id must not open a second matter.
        if (await Db.Matters.AnyAsync(m => m.Source == Source && m.SourceId == decision.DecisionId, cancellationToken)) return;

        var now = clock.GetUtcNow();
        var matter = GuardianshipMatter.Open(decision.MeetingDate, Source, decision.DecisionId, null, "meeting-decision", now);
        matter.SupportCaseId = decision.CaseId;
        matter.PersonId = decision.PersonId;
        Db.Matters.Add(matter);
        Db.Publish(matter.Opened(now, decision.TenantCode));
    }
}

/// <summary>The decision was changed or removed: the matter it opened goes, unless work on it was recorded.</summary>
public sealed class MeetingDecisionWithdrawnConsumer(RightsAdvocacyDbContext db)
    : InboxConsumer<MeetingDecisionWithdrawn, RightsAdvocacyDbContext>(db)
{
    protected override async Task HandleAsync(MeetingDecisionWithdrawn withdrawn, CancellationToken cancellationToken)
    {
        if (withdrawn.DecisionCode != MeetingDecisionRecordedConsumer.Decision) return;
        if (!await WithdrawnSource.WithdrawAsync(Db, MeetingDecisionRecordedConsumer.Source, withdrawn.DecisionId, withdrawn.OccurredAt, cancellationToken))
        {
            return; // handled before, under another event id
        }
        var matter = await Db.Matters.Include(m => m.StageChanges).Include(m => m.Guardians).Include(m => m.FeeSubsidies).AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Source == MeetingDecisionRecordedConsumer.Source && m.SourceId == withdrawn.DecisionId, cancellationToken);
        if (matter is null) return; // withdrawn before it arrived: remembered, nothing to undo

        var worked = matter.HasWork;
        if (!worked)
        {
            Db.RemoveRange(matter.StageChanges);
            Db.Matters.Remove(matter);
        }
        Db.Publish(new GuardianshipMatterWithdrawn(Guid.CreateVersion7(), withdrawn.OccurredAt, withdrawn.TenantCode, matter.Id,
            matter.SupportCaseId, withdrawn.DecisionId, Kept: worked));
    }
}
