using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Plans;

namespace Jusou.Tests.MultiAgency.HandOffs;

// Pure unit tests of the rules of 役割分担's loop on SupportCase and ActionTask: no SystemFixture, nothing is started.
public class HandOffRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid A1 = Guid.CreateVersion7(), A2 = Guid.CreateVersion7(), B1 = Guid.CreateVersion7();

    private static SupportCase CaseWithManualRole()
    {
        var supportCase = new SupportCase { Status = SupportCaseCodes.Planning };
        supportCase.Involvements.Add(new CaseInvolvement { CaseId = supportCase.Id, OrganisationCode = "shakyo", Role = "collaborating", StartedOn = new(2026, 10, 1) });
        return supportCase;
    }

    private static List<CaseInvolvement> Live(SupportCase c, string role = SupportCaseCodes.PlanActionRole) =>
        c.Involvements.Where(i => i.EndedOn is null && i.Role == role).ToList();

    [Fact]
    public void Each_organisation_gets_one_plan_role_kept_by_its_actions_and_manual_roles_are_untouched()
    {
        var supportCase = CaseWithManualRole();
        var changes = supportCase.ApplyPlanRoles([("shakyo", A1), ("shakyo", A2), ("houkatsu", B1)], "coord", At);

        Assert.Equal(2, changes.Added.Count);
        Assert.Empty(changes.Ended);
        var shakyo = Assert.Single(Live(supportCase), i => i.OrganisationCode == "shakyo");
        Assert.Equal(new[] { A1, A2 }.Order(), shakyo.PlanActionIds);
        Assert.Equal(new DateOnly(2026, 11, 2), shakyo.StartedOn);
        Assert.Single(Live(supportCase, "collaborating"));

        // Approving again with the same organisations adds nothing.
        var again = supportCase.ApplyPlanRoles([("shakyo", A1), ("houkatsu", B1)], "coord", At);
        Assert.Empty(again.Added);
        Assert.Empty(again.Ended);
        Assert.Equal([A1], Assert.Single(Live(supportCase), i => i.OrganisationCode == "shakyo").PlanActionIds);
    }

    [Fact]
    public void A_revision_without_any_action_of_an_organisation_ends_its_plan_role_only()
    {
        var supportCase = CaseWithManualRole();
        supportCase.ApplyPlanRoles([("shakyo", A1), ("houkatsu", B1)], "coord", At);

        var changes = supportCase.ApplyPlanRoles([("houkatsu", B1)], "coord", At.AddDays(30));

        var ended = Assert.Single(changes.Ended);
        Assert.Equal("shakyo", ended.OrganisationCode);
        Assert.Equal(SupportCaseCodes.PlanRevised, ended.EndReason);
        Assert.Equal(new DateOnly(2026, 12, 2), ended.EndedOn);
        Assert.Equal(["houkatsu"], Live(supportCase).Select(i => i.OrganisationCode));
        Assert.Single(Live(supportCase, "collaborating"), i => i.OrganisationCode == "shakyo");
    }

    [Fact]
    public void The_last_live_action_ending_ends_the_role_and_an_earlier_one_does_not()
    {
        var supportCase = CaseWithManualRole();
        supportCase.ApplyPlanRoles([("shakyo", A1), ("shakyo", A2)], "coord", At);

        Assert.Null(supportCase.EndPlanAction(A1, SupportCaseCodes.RoleCompleted, At));
        Assert.Equal([A2], Assert.Single(Live(supportCase)).PlanActionIds);

        var ended = supportCase.EndPlanAction(A2, SupportCaseCodes.ActionDeclined, At);
        Assert.NotNull(ended);
        Assert.Equal(SupportCaseCodes.ActionDeclined, ended.EndReason);
        Assert.Empty(Live(supportCase));
        Assert.Null(supportCase.EndPlanAction(B1, SupportCaseCodes.RoleCompleted, At));
    }

    [Fact]
    public void Closing_a_case_ends_every_involvement()
    {
        var supportCase = CaseWithManualRole();
        supportCase.ApplyPlanRoles([("houkatsu", B1)], "coord", At);

        supportCase.ChangeStatus(SupportCaseCodes.Closed, "goal_achieved", null, null, "coord", At);

        Assert.All(supportCase.Involvements, i => Assert.Equal(SupportCaseCodes.CaseClosed, i.EndReason));
        Assert.DoesNotContain(supportCase.Involvements, i => i.EndedOn is null);
    }

    private static SupportPlan Plan(Guid caseId, params (Guid ActionId, string Kind, string Organisation)[] actions)
    {
        var plan = new SupportPlan { CaseId = caseId };
        var position = 0;
        foreach (var (actionId, kind, organisation) in actions)
        {
            plan.Actions.Add(new PlanAction { PlanId = plan.Id, ActionId = actionId, Position = ++position, Kind = kind, OrganisationCode = organisation });
        }
        return plan;
    }

    [Fact]
    public void An_other_task_goes_sent_then_accepted_then_done_and_refuses_every_other_move_naming_its_status()
    {
        var tasks = new List<ActionTask>();
        var moves = ActionTask.HandOver(tasks, Plan(Guid.CreateVersion7(), (A1, "other", "shakyo")), At);
        var task = Assert.Single(tasks);
        Assert.Equal((null, HandOffCodes.Sent), (Assert.Single(moves).FromStatus, moves[0].Status));
        Assert.Null(task.RefusalTo(HandOffCodes.Accepted));
        Assert.Null(task.RefusalTo(HandOffCodes.Declined));
        Assert.Contains("(sent)", task.RefusalTo(HandOffCodes.Done));

        task.Accept("worker-1", At);
        Assert.Contains("(accepted)", task.RefusalTo(HandOffCodes.Accepted));
        Assert.Contains("(accepted)", task.RefusalTo(HandOffCodes.Declined));
        Assert.Null(task.RefusalTo(HandOffCodes.Done));

        var done = task.Complete("visit_made", "訪問した", "worker-1", At);
        Assert.Equal((HandOffCodes.Accepted, HandOffCodes.Done, "visit_made"), (done.FromStatus, done.Status, done.Code));
        Assert.False(task.IsLive);
        Assert.Equal(SupportCaseCodes.RoleCompleted, task.InvolvementEndReason);
        Assert.Contains("(done)", task.RefusalTo(HandOffCodes.Done));
    }

    [Fact]
    public void Only_kind_other_is_answered_here_and_a_service_answers_its_own_kind_by_opening_its_record()
    {
        var tasks = new List<ActionTask>();
        ActionTask.HandOver(tasks, Plan(Guid.CreateVersion7(), (A1, "participation", "shakyo"), (A2, "other", "shakyo")), At);
        var participation = tasks.Single(t => t.ActionId == A1);
        var other = tasks.Single(t => t.ActionId == A2);

        var request = Guid.CreateVersion7();
        Assert.NotNull(participation.RefusalTo(HandOffCodes.Accepted));
        Assert.Null(participation.RecordEndedByService("participation", At)); // nothing opened yet, nothing to end
        Assert.NotNull(participation.OpenedByService("participation", request, At));
        Assert.Equal((HandOffCodes.Accepted, "participation", request), (participation.Status, participation.AcceptedBy, participation.RecordId));
        Assert.Null(participation.OpenedByService("participation", Guid.CreateVersion7(), At)); // a second report answers nothing
        Assert.Null(other.OpenedByService("participation", request, At));
        Assert.Equal(HandOffCodes.Sent, other.Status);

        var done = participation.RecordEndedByService("participation", At.AddDays(60));
        Assert.Equal((HandOffCodes.Accepted, HandOffCodes.Done), (done?.FromStatus, done?.Status));
        Assert.Equal(SupportCaseCodes.RoleCompleted, participation.InvolvementEndReason);
        Assert.Null(participation.RecordEndedByService("participation", At.AddDays(61)));
        Assert.Null(other.RecordEndedByService("participation", At));
    }

    [Fact]
    public void A_revision_keeps_what_came_of_carried_actions_withdraws_dropped_ones_and_resends_reassigned_ones()
    {
        var caseId = Guid.CreateVersion7();
        var tasks = new List<ActionTask>();
        ActionTask.HandOver(tasks, Plan(caseId, (A1, "other", "shakyo"), (A2, "other", "shakyo"), (B1, "other", "houkatsu")), At);
        tasks.Single(t => t.ActionId == A1).Accept("w", At);
        tasks.Single(t => t.ActionId == A1).Complete("other", null, "w", At);
        tasks.Single(t => t.ActionId == A2).Accept("w", At);

        var later = At.AddDays(40);
        var moves = ActionTask.HandOver(tasks, Plan(caseId, (A1, "other", "shakyo"), (B1, "other", "kaigo-center")), later);

        Assert.Equal(3, tasks.Count);
        Assert.Equal(HandOffCodes.Done, tasks.Single(t => t.ActionId == A1).Status);
        var dropped = tasks.Single(t => t.ActionId == A2);
        Assert.Equal((HandOffCodes.Withdrawn, "plan_revised"), (dropped.Status, dropped.WithdrawalReason));
        var reassigned = tasks.Single(t => t.ActionId == B1);
        Assert.Equal(("kaigo-center", HandOffCodes.Sent, later), (reassigned.OrganisationCode, reassigned.Status, reassigned.SentAt));
        Assert.Equal(2, moves.Count);

        // A declined action given to another organisation is handed to that one.
        tasks.Single(t => t.ActionId == B1).Decline("no_capacity", null, "w", later);
        ActionTask.HandOver(tasks, Plan(caseId, (A1, "other", "shakyo"), (B1, "other", "houkatsu")), later.AddDays(1));
        Assert.Equal(("houkatsu", HandOffCodes.Sent, (string?)null), (reassigned.OrganisationCode, reassigned.Status, reassigned.DeclineReason));

        // An action dropped and brought back by a later version is handed again.
        ActionTask.HandOver(tasks, Plan(caseId, (A2, "other", "shakyo")), later.AddDays(1));
        Assert.Equal(HandOffCodes.Sent, dropped.Status);
        Assert.Null(dropped.WithdrawalReason);
    }
}
