using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>Support plans: versions, one draft at a time, approval by a meeting with its events, immutability, evaluation.</summary>
[Collection(SystemCollection.Name)]
public sealed class SupportPlanTests(SystemFixture system)
{
    [Fact]
    public async Task Approving_a_plan_with_three_actions_publishes_the_plan_and_three_actions_and_starts_support()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant, subject: "coordinator-5");
        var personId = await system.ConsentingPerson(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 3, personId: personId, subject: "coordinator-5");
        var meetingId = await coordinator.PlanMeeting(caseId);

        var approved = await (await coordinator.Approve(caseId, planId, etag, meetingId)).Expect(HttpStatusCode.OK);

        Assert.Equal("approved", approved.Text("status"));
        Assert.Equal(meetingId, approved.Id("meetingId"));
        Assert.Equal("2026-11-01", approved.Text("approvedOn"));
        Assert.Equal("coordinator-5", approved.Text("approvedBy"));
        Assert.Equal("supporting", (await coordinator.ReadCase(caseId)).Case.Text("status"));

        Assert.Equal(1, await system.Events<SupportPlanApproved>(caseId));
        var planApproved = Assert.Single(await Events.Published<SupportPlanApproved>(system, CaseClient.Database, e => e.PlanId == planId));
        Assert.Equal((caseId, 3, (Guid?)meetingId, (DateOnly?)new DateOnly(2027, 2, 28)),
            (planApproved.CaseId, planApproved.ActionCount, planApproved.MeetingId, planApproved.ReviewOn));
        Assert.Equal(3, await system.Events<SupportPlanActionApproved>(caseId));
        // Each action carries the case's sharing rule, person and 地区, and its own kind, organisation and needs.
        var actions = await Events.Published<SupportPlanActionApproved>(system, CaseClient.Database, e => e.CaseId == caseId);
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a =>
        {
            Assert.Equal(("consent", (Guid?)personId, "tono-district-01"), (a.SharingRule, a.PersonId, a.DistrictCode));
            Assert.Equal(["social_isolation", "care"], a.NeedCodes);
        });
        var actionIds = approved.Items("actions").Select(a => a.Id("actionId")).ToList();
        foreach (var (actionId, kind, organisation) in actionIds.Zip(["participation", "outreach", "rights"], ["org-0", "org-1", "org-2"]))
        {
            var action = Assert.Single(actions, a => a.ActionId == actionId);
            Assert.Equal((kind, organisation), (action.Kind, action.OrganisationCode));
        }
        Assert.Equal(1, await system.AuditRows(tenant, caseId, "approve", "support_plan"));
    }

    [Fact]
    public async Task A_consented_case_shares_its_actions_under_consent()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2, track: "consented");
        await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await Events.Published<SupportPlanActionApproved>(system, CaseClient.Database,
            e => e.CaseId == caseId && e.SharingRule == "consent")).Count);
    }

    [Fact]
    public async Task An_approved_plan_never_changes_and_is_not_approved_twice()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 1);
        var approval = await coordinator.Approve(caseId, planId, etag);
        await approval.Expect(HttpStatusCode.OK);
        var path = $"{CaseClient.Cases}/{caseId}/plans/{planId}";

        var edit = await coordinator.Send(HttpMethod.Put, path, new { goals = new[] { new { text = "別の目標" } }, actions = Array.Empty<object>() },
            approval.ETagOf());
        await edit.AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.Approve(caseId, planId, approval.ETagOf())).AssertProblem(HttpStatusCode.Conflict);

        var plan = await (await coordinator.GetAsync(path)).Expect(HttpStatusCode.OK);
        Assert.Equal("母が介護サービスを利用する", plan.Items("goals")[0].Text("text"));
        Assert.Equal(1, await system.Events<SupportPlanApproved>(caseId));
        Assert.Equal(1, await system.Events<SupportPlanActionApproved>(caseId));
    }

    [Fact]
    public async Task A_draft_is_edited_under_If_Match_and_only_one_draft_exists_at_a_time()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2);
        var plans = $"{CaseClient.Cases}/{caseId}/plans";

        await (await coordinator.PostAsJsonAsync(plans, new { })).AssertProblem(HttpStatusCode.Conflict);

        var draft = await (await coordinator.GetAsync($"{plans}/{planId}")).Expect(HttpStatusCode.OK);
        var keptAction = draft.Items("actions")[0].Id("actionId");
        var content = new
        {
            goals = new[] { new { text = "本人が週1回外出する", term = "short_term" } },
            actions = new object[]
            {
                new { actionId = keptAction, kind = "participation", organisationCode = "org-0", needCodes = new[] { "social_isolation" } },
                new { kind = "other", organisationCode = "tono-houkatsu", dueOn = "2026-12-15", needCodes = new[] { "care" } },
            },
            reviewOn = "2027-03-31",
        };
        await (await coordinator.Send(HttpMethod.Put, $"{plans}/{planId}", content)).AssertProblem((HttpStatusCode)428);
        var edited = await coordinator.Send(HttpMethod.Put, $"{plans}/{planId}", content, etag);
        var body = await edited.Expect(HttpStatusCode.OK);
        Assert.Equal("本人が週1回外出する", Assert.Single(body.Items("goals")).Text("text"));
        Assert.Equal(keptAction, body.Items("actions")[0].Id("actionId"));
        Assert.Equal("tono-houkatsu", body.Items("actions")[1].Text("organisationCode"));
        Assert.Equal("2027-03-31", body.Text("reviewOn"));
        Assert.NotEqual(etag, edited.ETagOf());
        await (await coordinator.Send(HttpMethod.Put, $"{plans}/{planId}", content, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);

        // An actionId the case never had is refused.
        var invented = new { goals = Array.Empty<object>(), actions = new[] { new { actionId = Guid.CreateVersion7(), kind = "other", organisationCode = "org-0" } } };
        await (await coordinator.Send(HttpMethod.Put, $"{plans}/{planId}", invented, edited.ETagOf())).AssertProblem(HttpStatusCode.BadRequest, "actions");
        // A stale approval (the meeting saw an earlier draft) is refused.
        await (await coordinator.Approve(caseId, planId, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await coordinator.Approve(caseId, planId, null)).AssertProblem((HttpStatusCode)428);
        Assert.Equal(0, await system.Events<SupportPlanApproved>(caseId));
        Assert.Equal(1, await system.Rows("support_plans", tenant));
    }

    public static TheoryData<string, string> InvalidPlans => new()
    {
        { """{"goals":[{"term":"short_term"}]}""", "goals[0].text" },
        { """{"goals":[{"text":"t","term":"forever"}]}""", "goals[0].term" },
        { """{"actions":[{"kind":"magic","organisationCode":"o"}]}""", "actions[0].kind" },
        { """{"actions":[{"kind":"other"}]}""", "actions[0].organisationCode" },
        { """{"actions":[{"kind":"other","organisationCode":"o","needCodes":["wealth"]}]}""", "actions[0].needCodes" },
    };

    [Theory]
    [MemberData(nameof(InvalidPlans))]
    public async Task A_bad_plan_is_400_and_nothing_is_stored(string json, string field)
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "assessment");
        var response = await coordinator.PostAsync($"{CaseClient.Cases}/{caseId}/plans",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("support_plans", tenant));
    }

    [Fact]
    public async Task Approval_needs_a_meeting_a_date_and_a_case_at_planning()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 1);
        var approval = $"{CaseClient.Cases}/{caseId}/plans/{planId}/approval";

        await (await coordinator.Send(HttpMethod.Post, approval, new { approvedOn = "2026-11-01" }, etag)).AssertProblem(HttpStatusCode.BadRequest, "meetingId");
        await (await coordinator.Send(HttpMethod.Post, approval, new { meetingId = Guid.CreateVersion7(), approvedOn = "2999-01-01" }, etag))
            .AssertProblem(HttpStatusCode.BadRequest, "approvedOn");
        // Only a meeting that approves plans, and that discussed this case, can approve it.
        await (await coordinator.Approve(caseId, planId, etag, Guid.CreateVersion7())).AssertProblem((HttpStatusCode)422);
        await (await coordinator.Approve(caseId, planId, etag, await coordinator.PlanMeeting(caseId, "team_meeting"))).AssertProblem((HttpStatusCode)422);
        await coordinator.Move(caseId, "assessment");
        await (await coordinator.Approve(caseId, planId, etag)).AssertProblem(HttpStatusCode.Conflict);

        var plan = await (await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/plans/{planId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("draft", plan.Text("status"));
        Assert.Equal(0, await system.Events<SupportPlanApproved>(caseId));
        Assert.Equal(0, await system.Events<SupportPlanActionApproved>(caseId));
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).Approve(caseId, planId, etag, Guid.CreateVersion7())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans", new { })).StatusCode);
    }

    [Fact]
    public async Task Evaluation_leads_to_monitoring()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 1);
        var plan = await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);
        var goals = plan.Items("goals");
        var evaluation = $"{CaseClient.Cases}/{caseId}/plans/{planId}/evaluation";

        // Every goal must be evaluated.
        await (await coordinator.PostAsJsonAsync(evaluation, new
        {
            evaluatedOn = "2026-11-20", nextStep = "monitoring", goals = new[] { new { goalId = goals[0].Id(), result = "achieved" } },
        })).AssertProblem(HttpStatusCode.BadRequest, "goals");
        Assert.Equal("supporting", (await coordinator.ReadCase(caseId)).Case.Text("status"));

        var result = await (await coordinator.PostAsJsonAsync(evaluation, new
        {
            evaluatedOn = "2026-11-20",
            nextStep = "monitoring",
            goals = new object[] { new { goalId = goals[0].Id(), result = "achieved", note = "訪問介護を利用中" }, new { goalId = goals[1].Id(), result = "partly" } },
        })).Expect(HttpStatusCode.OK);

        Assert.Equal("monitoring", result.Text("caseStatus"));
        Assert.Null(result["newPlanId"]);
        Assert.Equal(["achieved", "partly"], result["plan"]!.AsObject().Items("goals").Select(g => g.Text("result")));
        Assert.Equal("monitoring", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        await (await coordinator.PostAsJsonAsync(evaluation, new
        {
            evaluatedOn = "2026-11-20", nextStep = "monitoring",
            goals = new object[] { new { goalId = goals[0].Id(), result = "achieved" }, new { goalId = goals[1].Id(), result = "achieved" } },
        })).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Evaluation_calling_for_a_new_plan_drafts_the_next_version_as_a_copy_and_its_approval_supersedes_the_first()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2);
        var plan = await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);

        var result = await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans/{planId}/evaluation", new
        {
            evaluatedOn = "2026-11-20",
            nextStep = "new_plan",
            goals = plan.Items("goals").Select(g => new { goalId = g.Id(), result = "not_achieved" }).ToArray(),
        })).Expect(HttpStatusCode.OK);

        Assert.Equal("planning", result.Text("caseStatus"));
        var draftResponse = await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/plans/{result.Id("newPlanId")}");
        var draft = await draftResponse.Expect(HttpStatusCode.OK);
        Assert.Equal(2, draft["number"]!.GetValue<int>());
        Assert.Equal("draft", draft.Text("status"));
        Assert.Equal(plan.Items("goals").Select(g => g.Text("text")), draft.Items("goals").Select(g => g.Text("text")));
        Assert.All(draft.Items("goals"), g => Assert.Null(g["result"]));
        // The same work continuing keeps its action ids, so the receiving services recognise it.
        Assert.Equal(plan.Items("actions").Select(a => a.Id("actionId")), draft.Items("actions").Select(a => a.Id("actionId")));

        await (await coordinator.Approve(caseId, draft.Id(), draftResponse.ETagOf())).Expect(HttpStatusCode.OK);
        var versions = (await (await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/plans")).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal(["superseded", "approved"], versions.Select(v => v.Text("status")));
        Assert.Equal("supporting", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        Assert.Equal(4, await system.Events<SupportPlanActionApproved>(caseId));
    }

    [Fact]
    public async Task A_new_version_drafted_without_content_copies_the_latest()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2);
        await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);
        await coordinator.Move(caseId, "planning");

        var copy = await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans", new { })).Expect(HttpStatusCode.Created);
        Assert.Equal(2, copy["number"]!.GetValue<int>());
        Assert.Equal(2, copy.Items("actions").Count);
        Assert.Equal("2027-02-28", copy.Text("reviewOn"));
    }

    [Fact]
    public async Task A_plan_is_not_drafted_before_the_case_is_assessed()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans", new { })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(0, await system.Rows("support_plans", tenant));
    }
}
