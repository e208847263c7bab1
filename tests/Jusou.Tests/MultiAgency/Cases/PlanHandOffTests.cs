using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>
/// 役割分担 grants access and every hand-off closes its loop, on the real system: approving a plan involves each action's
/// organisation in the case (one plan_action role per organisation) until its last action ends, a revision drops it or
/// the case closes; an action of kind other is its organisation's task (sent → accepted/declined → done) on the timeline.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PlanHandOffTests(SystemFixture system)
{
    private const string Tasks = "/api/multiagency/tasks";
    private const string Shakyo = "tono-shakyo";
    private const string Houkatsu = "tono-houkatsu";

    /// <summary>
    /// A case of a person who consented to share with every organisation, at プラン作成 with an approved plan of
    /// <paramref name="actions"/> (kind, organisation); answers the case and the plan.
    /// </summary>
    private async Task<(Guid CaseId, JsonObject Plan)> CaseWithApprovedPlan(string tenant, HttpClient coordinator, params (string Kind, string Organisation)[] actions)
    {
        var caseId = (await coordinator.OpenCase("consented", await system.ConsentingPerson(tenant))).Id();
        await coordinator.Move(caseId, "assessment");
        await coordinator.Move(caseId, "planning");
        var draft = await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans", new
        {
            goals = new[] { new { text = "母が介護サービスを利用する", term = "short_term" } },
            actions = actions.Select((a, i) => new { kind = a.Kind, organisationCode = a.Organisation, description = $"役割 {i}", needCodes = new[] { "care" } }).ToArray(),
        });
        var plan = await draft.Expect(HttpStatusCode.Created);
        var approved = await (await coordinator.Approve(caseId, plan.Id(), draft.ETagOf())).Expect(HttpStatusCode.OK);
        return (caseId, approved);
    }

    private static async Task<IReadOnlyList<JsonObject>> TaskList(HttpClient client, string query = "")
    {
        var page = await (await client.GetAsync($"{Tasks}?{query}")).Expect(HttpStatusCode.OK);
        return page.Items("items");
    }

    private static async Task<HttpStatusCode> CaseStatusFor(HttpClient client, Guid caseId) => (await client.GetAsync($"{CaseClient.Cases}/{caseId}")).StatusCode;

    private static Guid ActionOf(JsonObject plan, int position) => plan.Items("actions")[position].Id("actionId");

    [Fact]
    public async Task An_organisation_holding_two_actions_sees_the_case_audited_and_no_other_case()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var otherCase = (await coordinator.OpenCase()).Id();

        var (caseId, plan) = await CaseWithApprovedPlan(tenant, coordinator, ("other", Shakyo), ("participation", Shakyo), ("other", Houkatsu));

        var (read, _) = await shakyo.ReadCase(caseId);
        var role = Assert.Single(read.Items("involvements"), i => i.Text("organisationCode") == Shakyo);
        Assert.Equal("plan_action", role.Text("role"));
        Assert.Equal(new[] { ActionOf(plan, 0), ActionOf(plan, 1) }.Order(), role["planActionIds"]!.AsArray().Select(a => a!.GetValue<Guid>()).Order());
        Assert.Equal(2, read.Items("involvements").Count(i => i.Text("role") == "plan_action"));
        // The partner's read is audited under the rule that lets the case be shared with it (the person's consent here).
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = 'read' AND record_type = 'support_case' AND organisation = $3 AND role = 'agency_staff' AND rule = 'consent'",
            tenant, caseId, Shakyo));

        var listed = await (await shakyo.GetAsync(CaseClient.Cases)).Expect(HttpStatusCode.OK);
        Assert.Equal([caseId], listed.Items("items").Select(c => c.Id()));
        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(shakyo, otherCase));
        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(system.Agency(tenant, "tono-kaigo"), caseId));
        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(system.Agency(Tenants.Fresh(), Shakyo), caseId));

        // Its tasks: the two actions, sent, the participation one answered by the service that opens its request.
        var tasks = await TaskList(shakyo);
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(Shakyo, t.Text("organisationCode")));
        Assert.Equal("役割 0", tasks.Single(t => t.Text("kind") == "other").Text("description"));
        await Eventually.True(async () => (await TaskList(shakyo, "status=accepted")).Any(t => t.Text("kind") == "participation" && t.Text("acceptedBy") == "participation"),
            TimeSpan.FromSeconds(30), "Participation to answer its action by opening a request");
        Assert.Single(await TaskList(shakyo, "status=sent"));
        Assert.Equal(3, (await TaskList(coordinator, $"caseId={caseId}")).Count);
        Assert.True(await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND record_type = 'action_task' AND organisation = $3", tenant, caseId, Shakyo) >= 1);
    }

    [Fact]
    public async Task A_revision_without_the_organisations_actions_ends_its_part_and_keeps_the_others()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var houkatsu = system.Agency(tenant, Houkatsu);
        var (caseId, plan) = await CaseWithApprovedPlan(tenant, coordinator, ("other", Shakyo), ("other", Shakyo), ("other", Houkatsu));
        // A role given by hand is not the plan's to end.
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = "tono-kaigo", role = "watching" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, await CaseStatusFor(shakyo, caseId));

        var evaluation = await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans/{plan.Id()}/evaluation", new
        {
            evaluatedOn = "2026-11-20",
            goals = plan.Items("goals").Select(g => new { goalId = g.Id(), result = "partly" }).ToArray(),
            nextStep = "new_plan",
        })).Expect(HttpStatusCode.OK);
        var next = $"{CaseClient.Cases}/{caseId}/plans/{evaluation.Id("newPlanId")}";
        var read = await coordinator.GetAsync(next);
        await read.Expect(HttpStatusCode.OK);
        var revised = await coordinator.Send(HttpMethod.Put, next, new
        {
            goals = new[] { new { text = "母が介護サービスを利用する" } },
            actions = new[] { new { actionId = ActionOf(plan, 2), kind = "other", organisationCode = Houkatsu } },
        }, read.ETagOf());
        await (await coordinator.Approve(caseId, evaluation.Id("newPlanId"), revised.ETagOf())).Expect(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(shakyo, caseId));
        Assert.Equal(HttpStatusCode.OK, await CaseStatusFor(houkatsu, caseId));
        var involvements = (await coordinator.ReadCase(caseId)).Case.Items("involvements");
        var ended = Assert.Single(involvements, i => i.Text("organisationCode") == Shakyo);
        Assert.Equal("plan_revised", ended.Text("endReason"));
        Assert.Null(Assert.Single(involvements, i => i.Text("organisationCode") == "tono-kaigo")["endedOn"]);
        Assert.Null(Assert.Single(involvements, i => i.Text("organisationCode") == Houkatsu)["endedOn"]);
        // Shakyo's two tasks were withdrawn, Houkatsu's carried over unanswered: still the same hand-off.
        var tasks = await TaskList(coordinator, $"caseId={caseId}");
        Assert.Equal(2, tasks.Count(t => t.Text("status") == "withdrawn" && t.Text("withdrawalReason") == "plan_revised"));
        Assert.Equal(ActionOf(plan, 2), Assert.Single(tasks, t => t.Text("status") == "sent").Id("actionId"));
        Assert.Equal(2, (await Events.Published<PlanActionTaskChanged>(system, CaseClient.Database,
            e => e.CaseId == caseId && e.Status == "withdrawn" && e.ReasonCode == "plan_revised")).Count);
        Assert.Empty(await TaskList(shakyo, "status=sent"));
    }

    [Fact]
    public async Task An_other_task_goes_round_its_loop_on_the_timeline_and_the_last_one_ending_ends_the_part()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var (caseId, _) = await CaseWithApprovedPlan(tenant, coordinator, ("other", Shakyo), ("other", Shakyo));
        var tasks = await TaskList(shakyo, "status=sent");
        Assert.Equal(2, tasks.Count);
        var (first, second) = (tasks[0].Id(), tasks[1].Id());

        var declined = await (await shakyo.PostAsJsonAsync($"{Tasks}/{first}/declination", new { reason = "no_capacity", note = "今月は受入れ困難" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(("declined", "no_capacity", "今月は受入れ困難"), (declined.Text("status"), declined.Text("declineReason"), declined.Text("note")));
        Assert.Equal(HttpStatusCode.OK, await CaseStatusFor(shakyo, caseId)); // one live action still keeps it involved

        Assert.Equal("accepted", (await (await shakyo.PostAsync($"{Tasks}/{second}/acceptance", null)).Expect(HttpStatusCode.OK)).Text("status"));
        var done = await (await shakyo.PostAsJsonAsync($"{Tasks}/{second}/completion", new { outputCode = "visit_made", note = "自宅訪問し母と面談" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(("done", "visit_made"), (done.Text("status"), done.Text("outputCode")));
        Assert.NotNull(done["endedAt"]);

        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(shakyo, caseId));
        var role = Assert.Single((await coordinator.ReadCase(caseId)).Case.Items("involvements"));
        Assert.Equal(("plan_action", "role_completed"), (role.Text("role"), role.Text("endReason")));
        // Ended hand-offs leave the organisation's list (they carry the case's plan); the coordinator keeps them.
        Assert.Empty(await TaskList(shakyo));
        Assert.Equal(["declined", "done"], (await TaskList(coordinator, $"caseId={caseId}")).Select(t => t.Text("status")).Order());

        var timeline = (await coordinator.Timeline(caseId)).Select(e => (e.Text("kind"), e["detail"]?.GetValue<string>())).ToList();
        Assert.Equal(2, timeline.Count(e => e.Item1 == "task_sent"));
        Assert.Contains(("task_declined", "no_capacity"), timeline);
        Assert.Contains(("task_accepted", null), timeline);
        Assert.Contains(("task_done", "visit_made"), timeline);
        Assert.Contains(("involvement_added", "plan_action"), timeline);
        Assert.Contains(("involvement_ended", "role_completed"), timeline);
        var changes = await Events.Published<PlanActionTaskChanged>(system, CaseClient.Database, e => e.CaseId == caseId && e.OrganisationCode == Shakyo);
        Assert.Equal("no_capacity", Assert.Single(changes, e => e.Status == "declined").ReasonCode);
        Assert.Single(changes, e => e.Status == "accepted");
        Assert.Equal("visit_made", Assert.Single(changes, e => e.Status == "done").OutputCode);
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = 'task_done' AND record_type = 'action_task' AND organisation = $3",
            tenant, caseId, Shakyo));
    }

    [Fact]
    public async Task An_outreach_action_is_answered_by_the_target_Outreach_opens_and_done_when_it_closes()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var (caseId, _) = await CaseWithApprovedPlan(tenant, coordinator, ("outreach", Shakyo));
        var task = await Eventually.Get(async () => (await TaskList(shakyo, "status=accepted")).SingleOrDefault(), TimeSpan.FromSeconds(30),
            "Outreach to answer the action by opening a target");
        Assert.Equal("outreach", task.Text("acceptedBy"));
        Assert.Equal(HttpStatusCode.OK, await CaseStatusFor(shakyo, caseId));

        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker);
        var target = $"/api/outreach/targets/{task.Id("recordId")}";
        var read = await outreach.GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var closed = await outreach.Send(HttpMethod.Put, $"{target}/stage", new { stage = "closed", closureReason = "connected_and_stable" }, read.ETagOf());
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());

        await Eventually.True(async () => await CaseStatusFor(shakyo, caseId) == HttpStatusCode.NotFound, TimeSpan.FromSeconds(30),
            "the closed target to end 社協's part");
        Assert.Empty(await TaskList(shakyo));
        var done = Assert.Single(await TaskList(coordinator, $"caseId={caseId}"));
        Assert.Equal(("done", "outreach"), (done.Text("status"), done.Text("endedBy")));
        Assert.Equal("role_completed", Assert.Single((await coordinator.ReadCase(caseId)).Case.Items("involvements")).Text("endReason"));
    }

    [Fact]
    public async Task Closing_the_case_ends_every_part_and_withdraws_the_live_tasks()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var (caseId, _) = await CaseWithApprovedPlan(tenant, coordinator, ("other", Shakyo));
        var task = Assert.Single(await TaskList(shakyo)).Id();
        Assert.Equal(HttpStatusCode.OK, await CaseStatusFor(shakyo, caseId));

        await coordinator.Move(caseId, "closed", "goal_achieved");

        Assert.Equal(HttpStatusCode.NotFound, await CaseStatusFor(shakyo, caseId));
        Assert.Equal("case_closed", Assert.Single((await coordinator.ReadCase(caseId)).Case.Items("involvements")).Text("endReason"));
        Assert.Empty(await TaskList(shakyo));
        var withdrawn = Assert.Single(await TaskList(coordinator, $"caseId={caseId}"));
        Assert.Equal(("withdrawn", "case_closed"), (withdrawn.Text("status"), withdrawn.Text("withdrawalReason")));
        var refused = await shakyo.PostAsync($"{Tasks}/{task}/acceptance", null);
        await refused.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("(withdrawn)", await refused.Content.ReadAsStringAsync());
        Assert.Contains((await coordinator.Timeline(caseId)), e => e.Text("kind") == "task_withdrawn");
    }

    [Fact]
    public async Task Illegal_moves_are_409_naming_the_status_another_organisation_404_and_bad_input_400_storing_nothing()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var shakyo = system.Agency(tenant, Shakyo);
        var (caseId, _) = await CaseWithApprovedPlan(tenant, coordinator, ("other", Shakyo), ("outreach", Shakyo));
        var tasks = await TaskList(shakyo);
        var other = tasks.Single(t => t.Text("kind") == "other").Id();
        var outreach = tasks.Single(t => t.Text("kind") == "outreach").Id();

        await (await shakyo.PostAsJsonAsync($"{Tasks}/{other}/declination", new { reason = "bored" })).AssertProblem(HttpStatusCode.BadRequest, "reason");
        await (await shakyo.PostAsJsonAsync($"{Tasks}/{other}/declination", new { note = "理由なし" })).AssertProblem(HttpStatusCode.BadRequest);
        await (await shakyo.PostAsJsonAsync($"{Tasks}/{other}/completion", new { outputCode = "gift" })).AssertProblem(HttpStatusCode.BadRequest, "outputCode");
        await (await shakyo.PostAsJsonAsync($"{Tasks}/{other}/completion", new { outputCode = "other", note = new string('x', 2001) }))
            .AssertProblem(HttpStatusCode.BadRequest, "note");
        Assert.Equal("sent", (await (await shakyo.GetAsync($"{Tasks}/{other}")).Expect(HttpStatusCode.OK)).Text("status"));
        Assert.Empty(await Events.Published<PlanActionTaskChanged>(system, CaseClient.Database, e => e.CaseId == caseId));

        var early = await shakyo.PostAsJsonAsync($"{Tasks}/{other}/completion", new { outputCode = "visit_made" });
        await early.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("(sent)", await early.Content.ReadAsStringAsync());
        await (await shakyo.PostAsync($"{Tasks}/{outreach}/acceptance", null)).AssertProblem(HttpStatusCode.Conflict);

        var stranger = system.Agency(tenant, Houkatsu);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"{Tasks}/{other}/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Tasks}/{other}")).StatusCode);
        Assert.Empty(await TaskList(stranger));
        Assert.Equal(HttpStatusCode.NotFound, (await system.Agency(Tenants.Fresh(), Shakyo).PostAsync($"{Tasks}/{other}/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync($"{Tasks}/{other}/acceptance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync(Tasks)).StatusCode);
        await (await shakyo.GetAsync($"{Tasks}?status=lost")).AssertProblem(HttpStatusCode.BadRequest, "status");

        await (await shakyo.PostAsync($"{Tasks}/{other}/acceptance", null)).Expect(HttpStatusCode.OK);
        var twice = await shakyo.PostAsync($"{Tasks}/{other}/acceptance", null);
        await twice.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("(accepted)", await twice.Content.ReadAsStringAsync());
        Assert.Single(await Events.Published<PlanActionTaskChanged>(system, CaseClient.Database, e => e.CaseId == caseId));
        // plan_action is given by approval only.
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = "x", role = "plan_action" }))
            .AssertProblem(HttpStatusCode.BadRequest, "role");
    }
}
