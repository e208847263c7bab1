using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using CaseClient = Jusou.Tests.MultiAgency.Cases.CaseClient;

namespace Jusou.Tests.Participation;

/// <summary>Participation requests: from approved plan actions and intake referrals through the bus, or opened by a coordinator.</summary>
[Collection(SystemCollection.Name)]
public sealed class RequestTests(SystemFixture system)
{
    [Fact]
    public async Task An_approved_participation_plan_action_opens_a_request_through_the_bus_and_it_shows_on_the_case_timeline()
    {
        var tenant = await system.FreshTenantWith([.. ParticipationClient.Hosts, .. CaseClient.Organisations]);
        var coordinator = system.Coordinator(tenant);
        // A real plan in MultiAgency with one action of kind participation, approved at a 参加・アウトリーチ支援プラン会議.
        var (caseId, planId, etag) = await CaseClient.CaseWithDraft(system, tenant, actions: 1);
        await (await CaseClient.Approve(coordinator, caseId, planId, etag)).AssertStatus(HttpStatusCode.OK);

        var request = await Eventually.Get(async () =>
        {
            var page = await coordinator.Read($"{ParticipationClient.Requests}?supportCaseId={caseId}");
            return page.Items().FirstOrDefault();
        }, ParticipationClient.EventTimeout, "the request opened from the approved plan action");
        Assert.Equal("plan_action", request.Text("source"));
        Assert.Equal("open", request.Text("status"));
        Assert.Equal("event:plan_action", request.Text("openedBy"));
        Assert.Equal(request.Id("sourceId"), request.Id("planActionId"));
        Assert.Equal(["social_isolation", "care"], request["needCodes"].Strings());

        // Back on MultiAgency's timeline, through the bus again.
        await Eventually.True(async () => (await CaseClient.Timeline(coordinator, caseId))
                .Any(e => e["kind"]!.GetValue<string>() == "participation_request_opened" && e["recordId"]!.GetValue<Guid>() == request.Id()),
            ParticipationClient.EventTimeout, "the request on the case timeline");

        // Its placement and 定着支援 check-in reach the same timeline.
        var placement = await coordinator.PlacedId(request.Id(), await coordinator.NewOpportunityId(), "trial");
        await (await coordinator.PostAsJsonAsync($"{ParticipationClient.Placements}/{placement}/check-ins", new { method = "phone", condition = "stable" }))
            .CreatedObject();
        await Eventually.True(async () =>
            {
                var timeline = await CaseClient.Timeline(coordinator, caseId);
                return timeline.Any(e => e["kind"]!.GetValue<string>() == "placement_stage_changed" && e["detail"]?.GetValue<string>() == "trial")
                    && timeline.Any(e => e["kind"]!.GetValue<string>() == "placement_checked_in" && e["recordId"]!.GetValue<Guid>() == placement);
            }, ParticipationClient.EventTimeout, "the placement and its check-in on the case timeline");
    }

    [Fact]
    public async Task A_plan_action_opens_one_request_however_often_it_arrives_and_other_kinds_open_none()
    {
        var tenant = Tenants.Fresh();
        var caseId = Guid.CreateVersion7();
        var action = new SupportPlanActionApproved(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "participation", "ina-shakyo", ParticipationClient.TodayInJapan.AddDays(30), Guid.CreateVersion7(), "takato",
            ["social_isolation", "ibasho", "short_work"], "consent");
        var outreach = action with { EventId = Guid.CreateVersion7(), ActionId = Guid.CreateVersion7(), Kind = "outreach" };
        var sameActionAgain = action with { EventId = Guid.CreateVersion7() };
        await system.Publish(outreach, action, action /* a redelivery */, sameActionAgain);

        var coordinator = system.Coordinator(tenant);
        var request = await coordinator.RequestFrom("plan_action", action.ActionId);
        Assert.Equal(caseId, request.Id("supportCaseId"));
        Assert.Equal(action.PersonId, request.Id("personId"));
        Assert.Equal("takato", request.Text("districtCode"));
        Assert.Equal(["short_work", "ibasho"], request["wishedKinds"].Strings());
        Assert.Equal(action.DueOn!.Value, DateOnly.Parse(request.Text("dueOn")));

        foreach (var handled in new[] { outreach, action, sameActionAgain }) await system.Handled("SupportPlanActionApprovedConsumer", handled.EventId);
        Assert.Equal(1, await system.Rows("participation_requests", tenant));
        var opened = Assert.Single(await system.EventPayloads(tenant, "ParticipationRequestOpened"));
        Assert.Equal(caseId, opened.Id("SupportCaseId"));
        Assert.Equal(action.ActionId, opened.Id("PlanActionId"));
    }

    [Fact]
    public async Task A_consultation_referred_to_participation_opens_one_request()
    {
        var tenant = Tenants.Fresh();
        var referral = new ConsultationReferredToParticipation(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "takato", "social_isolation", "consent");
        var sameReferralAgain = referral with { EventId = Guid.CreateVersion7() };
        await system.Publish(referral, sameReferralAgain);

        var request = await system.Coordinator(tenant).RequestFrom("intake_referral", referral.ConsultationId);
        Assert.Equal(referral.PersonId, request.Id("personId"));
        Assert.Equal(["social_isolation"], request["needCodes"].Strings());
        Assert.Null(request["supportCaseId"]);
        await system.Handled("ConsultationReferredToParticipationConsumer", referral.EventId);
        await system.Handled("ConsultationReferredToParticipationConsumer", sameReferralAgain.EventId);
        Assert.Equal(1, await system.Rows("participation_requests", tenant));
    }

    [Fact]
    public async Task A_coordinator_opens_a_request_with_wishes_that_stay_out_of_events_and_every_read_is_audited()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var created = await coordinator.PostAsJsonAsync(ParticipationClient.Requests, ParticipationClient.RequestBody());
        var request = await created.CreatedObject();
        var id = request.Id();
        Assert.Equal($"/api/participation/requests/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("direct", request.Text("source"));
        Assert.Equal("体を動かす作業ならやってみたい", request.Text("wishes"));

        var opened = Assert.Single(await system.EventPayloads(tenant, "ParticipationRequestOpened"));
        Assert.Equal(id, opened.Id("RequestId"));
        var payload = opened.ToJsonString();
        Assert.DoesNotContain("体を動かす", payload);
        Assert.DoesNotContain("通院", payload);

        var manager = system.Gateway(tenant, JusouRoles.Manager, subject: "manager-1");
        await (await manager.GetAsync($"{ParticipationClient.Requests}/{id}")).OkObject();
        await manager.Read(ParticipationClient.Requests);
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "search"));
        var audit = await manager.Read($"/api/participation/audit?recordId={id}");
        Assert.Equal(3, audit.Items().Count);
        await (await coordinator.GetAsync("/api/participation/audit")).AssertStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wishes_change_only_with_the_current_version_and_a_closed_request_takes_no_changes()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var id = await coordinator.NewRequestId();
        var path = $"{ParticipationClient.Requests}/{id}";
        var etag = (await coordinator.GetAsync(path)).ETagOf();
        var change = ParticipationClient.RequestBody(kinds: ["ibasho"], needs: ["quiet_space"]);
        await (await coordinator.Send(HttpMethod.Put, path, change, null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        var changed = await (await coordinator.Send(HttpMethod.Put, path, change, etag)).OkObject();
        Assert.Equal(["ibasho"], changed["wishedKinds"].Strings());
        Assert.Equal(["quiet_space"], changed["neededAccommodations"].Strings());
        await (await coordinator.Send(HttpMethod.Put, path, change, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);

        etag = (await coordinator.GetAsync(path)).ETagOf();
        await (await coordinator.Send(HttpMethod.Put, $"{path}/status", new { status = "closed" }, etag))
            .AssertProblem(HttpStatusCode.BadRequest, "closureReason");
        var closed = await (await coordinator.Send(HttpMethod.Put, $"{path}/status", new { status = "closed", closureReason = "own_wish" }, etag)).OkObject();
        Assert.Equal("closed", closed.Text("status"));
        etag = (await coordinator.GetAsync(path)).ETagOf();
        await (await coordinator.Send(HttpMethod.Put, path, change, etag)).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.GetAsync($"{path}/matches")).AssertProblem(HttpStatusCode.Conflict);
        var reopened = await (await coordinator.Send(HttpMethod.Put, $"{path}/status", new { status = "open" }, etag)).OkObject();
        Assert.Equal("open", reopened.Text("status"));
    }

    [Fact]
    public async Task An_invalid_request_is_refused_naming_the_field_and_nothing_is_stored_nor_announced()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        await (await coordinator.PostAsJsonAsync(ParticipationClient.Requests, ParticipationClient.RequestBody(kinds: ["astronaut"], age: 200)))
            .AssertProblem(HttpStatusCode.BadRequest, "wishedKinds");
        await (await coordinator.PostAsJsonAsync(ParticipationClient.Requests, new { wishes = new string('あ', 4001) }))
            .AssertProblem(HttpStatusCode.BadRequest, "wishes");
        Assert.Equal(0, await system.Rows("participation_requests", tenant));
        Assert.Equal(0, await system.Rows("outbox_messages", tenant));
    }

    [Fact]
    public async Task Requests_are_for_coordinators_and_managers_of_their_own_tenant()
    {
        var tenant = Tenants.Fresh();
        var id = await system.Coordinator(tenant).NewRequestId();
        foreach (var role in new[] { JusouRoles.AgencyStaff, JusouRoles.IntakeWorker, JusouRoles.CommunityStaff })
        {
            await (await system.Gateway(tenant, role).GetAsync($"{ParticipationClient.Requests}/{id}")).AssertStatus(HttpStatusCode.Forbidden);
        }
        await (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync(ParticipationClient.Requests, ParticipationClient.RequestBody()))
            .AssertStatus(HttpStatusCode.Forbidden);
        await (await system.Coordinator(Tenants.Fresh()).GetAsync($"{ParticipationClient.Requests}/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await system.Coordinator(Tenants.Fresh()).GetAsync($"{ParticipationClient.Requests}/{id}/matches")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(1, await system.Rows("participation_requests", tenant));
        Assert.Equal(0, await system.AuditRows(tenant, id, "read"));
    }

    [Fact]
    public async Task A_repeated_post_with_the_same_idempotency_key_opens_one_request()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var key = Guid.NewGuid().ToString();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, ParticipationClient.Requests) { Content = JsonContent.Create(ParticipationClient.RequestBody()) };
            message.Headers.Add("Idempotency-Key", key);
            answers.Add(await coordinator.SendAsync(message));
        }
        var first = await answers[0].CreatedObject();
        var second = await answers[1].CreatedObject();
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal(1, await system.Rows("participation_requests", tenant));
        Assert.Single(await system.EventPayloads(tenant, "ParticipationRequestOpened"));
    }
    [Fact]
    public async Task When_intake_merges_two_person_records_the_requests_follow_the_survivor()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var merged = Guid.CreateVersion7();
        var survivor = Guid.CreateVersion7();
        var id = await coordinator.NewRequestId(new { personId = merged, districtCode = "takato" });
        var merge = new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, merged, survivor);
        await system.Publish(merge);
        await system.Handled("PersonsMergedConsumer", merge.EventId);
        Assert.Equal(survivor, (await coordinator.Read($"{ParticipationClient.Requests}/{id}")).Id("personId"));
    }
    [Fact]
    public async Task A_closed_support_case_marks_its_requests_but_participation_and_its_placements_go_on()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var caseId = Guid.CreateVersion7();
        var id = await coordinator.NewRequestId(new { supportCaseId = caseId, districtCode = "takato" });
        var other = await coordinator.NewRequestId();
        var placement = await coordinator.PlacedId(id, await coordinator.NewOpportunityId(), "trial");
        var closed = new SupportCaseClosed(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, "goal_achieved", null);
        await system.Publish(closed, closed);
        await system.Handled("SupportCaseClosedConsumer", closed.EventId);

        var request = await coordinator.Read($"{ParticipationClient.Requests}/{id}");
        Assert.NotNull(request["supportCaseClosedAt"]);
        Assert.Equal("placed", request.Text("status"));
        Assert.Equal("trial", (await coordinator.Read($"{ParticipationClient.Placements}/{placement}")).Text("stage"));
        Assert.Null((await coordinator.Read($"{ParticipationClient.Requests}/{other}"))["supportCaseClosedAt"]);
    }
}
