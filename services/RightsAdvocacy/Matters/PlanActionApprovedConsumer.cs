using Jusou.Contracts.MultiAgency;

namespace Jusou.RightsAdvocacy.Matters;

/// <summary>
/// A 権利擁護 action of an approved support plan becomes a matter at 相談, tied to the support case so that its
/// milestones reach the case timeline. Actions of other kinds are for other services.
/// </summary>
public sealed class PlanActionApprovedConsumer(RightsAdvocacyDbContext db, TimeProvider clock)
    : InboxConsumer<SupportPlanActionApproved, RightsAdvocacyDbContext>(db)
{
    public const string Source = "plan_action";

    protected override async Task HandleAsync(SupportPlanActionApproved action, CancellationToken cancellationToken)
    {
        if (action.Kind != "rights") return;
        // The same action re-sent under another event id (a re-approval) must not open a second matter.
        if (await Db.Matters.AnyAsync(m => m.Source == Source && m.SourceId == action.ActionId, cancellationToken)) return;

        var now = clock.GetUtcNow();
        var matter = GuardianshipMatter.Open(JapanDate.Of(action.OccurredAt), Source, action.ActionId, action.OrganisationCode, "support-plan", now);
        matter.SupportCaseId = action.CaseId;
        matter.PersonId = action.PersonId;
        Db.Matters.Add(matter);
        Db.Publish(matter.Opened(now, action.TenantCode));
    }
}
