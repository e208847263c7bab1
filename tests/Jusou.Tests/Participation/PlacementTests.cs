using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>Placements: 見学 → 体験 → 参加中 → 終了, capacity kept, events announced without personal data.</summary>
[Collection(SystemCollection.Name)]
public sealed class PlacementTests(SystemFixture system)
{
    [Fact]
    public async Task A_placement_moves_visit_trial_participating_ended_keeping_current_use_and_the_request_status_in_step()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId();
        var requestId = await coordinator.NewRequestId();
        var opportunityPath = $"{ParticipationClient.Opportunities}/{opportunityId}";

        var created = await coordinator.Place(requestId, opportunityId);
        var placement = await created.CreatedObject();
        var id = placement.Id();
        Assert.Equal($"/api/participation/placements/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("visit", placement.Text("stage"));
        Assert.Equal(ParticipationClient.TodayInJapan.AddDays(14), DateOnly.Parse(placement.Text("nextCheckInOn")));
        Assert.Equal("placed", (await coordinator.Read($"{ParticipationClient.Requests}/{requestId}")).Text("status"));
        Assert.Equal(0, (await coordinator.Read(opportunityPath))["currentUse"]!.GetValue<int>());

        var path = $"{ParticipationClient.Placements}/{id}/stage";
        await (await coordinator.Send(HttpMethod.Put, path, new { stage = "trial" }, null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        Assert.Equal("trial", (await (await coordinator.MovePlacement(id, "trial")).OkObject()).Text("stage"));
        Assert.Equal(1, (await coordinator.Read(opportunityPath))["currentUse"]!.GetValue<int>());
        await (await coordinator.MovePlacement(id, "visit")).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.MovePlacement(id, "participating")).OkObject();
        Assert.Equal(1, (await coordinator.Read(opportunityPath))["currentUse"]!.GetValue<int>());
        await (await coordinator.MovePlacement(id, "ended")).AssertProblem(HttpStatusCode.BadRequest, "endReason");
        var ended = await (await coordinator.MovePlacement(id, "ended", "settled")).OkObject();
        Assert.Equal("settled", ended.Text("endReason"));
        Assert.Null(ended["nextCheckInOn"]);
        Assert.Equal(0, (await coordinator.Read(opportunityPath))["currentUse"]!.GetValue<int>());
        await (await coordinator.MovePlacement(id, "participating")).AssertProblem(HttpStatusCode.Conflict);

        // 定着: the goal of participation support is reached, so the request ends with it.
        var request = await coordinator.Read($"{ParticipationClient.Requests}/{requestId}");
        Assert.Equal("closed", request.Text("status"));
        Assert.Equal("achieved", request.Text("closureReason"));

        var events = await system.EventPayloads(tenant, "PlacementStageChanged");
        Assert.Equal([null, "visit", "trial", "participating"], events.Select(e => e["FromStage"]?.GetValue<string>()));
        Assert.Equal(["visit", "trial", "participating", "ended"], events.Select(e => e.Text("Stage")));
        Assert.Equal("settled", events[^1].Text("EndReason"));
        Assert.All(events, e => Assert.Equal(requestId, e.Id("RequestId")));
        Assert.All(events, e => Assert.DoesNotContain("同行", e.ToJsonString()));
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(3, await system.AuditRows(tenant, id, "change_stage"));
    }

    [Fact]
    public async Task A_full_opportunity_takes_no_new_placement_and_no_one_moves_into_it()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: 1));
        var visiting = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunityId, "visit");
        var trying = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunityId, "trial");
        var opportunity = await coordinator.Read($"{ParticipationClient.Opportunities}/{opportunityId}");
        Assert.True(opportunity["full"]!.GetValue<bool>());
        Assert.Equal(0, opportunity["remainingPlaces"]!.GetValue<int>());

        await (await coordinator.Place(await coordinator.NewRequestId(), opportunityId)).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.MovePlacement(visiting, "trial")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(2, await system.Rows("placements", tenant));
        Assert.Equal(2, (await system.EventPayloads(tenant, "PlacementStageChanged")).Count);
        Assert.Empty((await coordinator.Read($"{ParticipationClient.Opportunities}?open=true")).Items());

        // The place frees up when the trial ends (不適合): now the visitor may move in.
        await (await coordinator.MovePlacement(trying, "ended", "unsuited")).OkObject();
        await (await coordinator.MovePlacement(visiting, "trial")).OkObject();
        Assert.Equal(1, (await coordinator.Read($"{ParticipationClient.Opportunities}/{opportunityId}"))["currentUse"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_coordinators_racing_for_the_last_place_get_one_placement()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: 1));
        var requests = new[] { await coordinator.NewRequestId(), await coordinator.NewRequestId(), await coordinator.NewRequestId() };
        var answers = await Task.WhenAll(requests.Select(r => system.Coordinator(tenant).Place(r, opportunityId, "trial")));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await system.Rows("placements", tenant));
        Assert.Equal(1, (await coordinator.Read($"{ParticipationClient.Opportunities}/{opportunityId}"))["currentUse"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bad_placement_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId();
        var requestId = await coordinator.NewRequestId();
        await (await coordinator.Place(requestId, opportunityId, "ended")).AssertProblem(HttpStatusCode.BadRequest, "stage");
        await (await coordinator.Place(Guid.CreateVersion7(), opportunityId)).AssertProblem(HttpStatusCode.BadRequest, "requestId");
        await (await coordinator.Place(requestId, opportunityId, startedOn: ParticipationClient.TodayInJapan.AddDays(3)))
            .AssertProblem(HttpStatusCode.BadRequest, "startedOn");
        // Another tenant's opportunity is as unknown as a missing one.
        var foreign = await system.Coordinator(await system.FreshTenantWith(ParticipationClient.Hosts)).NewOpportunityId();
        await (await coordinator.Place(requestId, foreign)).AssertProblem(HttpStatusCode.BadRequest, "opportunityId");
        Assert.Equal(0, await system.Rows("placements", tenant));
        Assert.Empty(await system.EventPayloads(tenant, "PlacementStageChanged"));

        await coordinator.PlacedId(requestId, opportunityId);
        await (await coordinator.Place(requestId, opportunityId)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(1, await system.Rows("placements", tenant));
    }

    [Fact]
    public async Task Placements_are_read_by_coordinators_and_managers_of_the_tenant_only()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var id = await coordinator.PlacedId(await coordinator.NewRequestId(), await coordinator.NewOpportunityId());
        var path = $"{ParticipationClient.Placements}/{id}";
        await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync(path)).OkObject();
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync(path)).AssertStatus(HttpStatusCode.Forbidden);
        await (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync(ParticipationClient.Placements, new { })).AssertStatus(HttpStatusCode.Forbidden);
        var stranger = system.Coordinator(Tenants.Fresh());
        await (await stranger.GetAsync(path)).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.Send(HttpMethod.Put, $"{path}/stage", new { stage = "trial" }, "\"1\"")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
        var listed = await coordinator.Read($"{ParticipationClient.Placements}?opportunityId={(await coordinator.Read(path)).Id("opportunityId")}");
        Assert.Equal(id, Assert.Single(listed.Items()).Id());
    }
    [Fact]
    public async Task A_placements_follow_up_details_change_only_with_the_current_version_and_move_the_next_check_in()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var started = ParticipationClient.TodayInJapan.AddDays(-10);
        var id = await coordinator.PlacedId(await coordinator.NewRequestId(), await coordinator.NewOpportunityId(), "trial", started);
        var path = $"{ParticipationClient.Placements}/{id}";
        var etag = (await coordinator.GetAsync(path)).ETagOf();
        var change = new { checkInIntervalDays = 7, supportWorker = "participation-worker-02", hostNote = "週1回、支援員が伺います" };
        await (await coordinator.Send(HttpMethod.Put, path, change, null)).AssertProblem(HttpStatusCode.PreconditionRequired);
        await (await coordinator.Send(HttpMethod.Put, path, new { checkInIntervalDays = 0 }, etag))
            .AssertProblem(HttpStatusCode.BadRequest, "checkInIntervalDays");
        var updated = await (await coordinator.Send(HttpMethod.Put, path, change, etag)).OkObject();
        Assert.Equal(started.AddDays(7), DateOnly.Parse(updated.Text("nextCheckInOn")));
        Assert.True(updated["checkInOverdue"]!.GetValue<bool>());
        Assert.Equal("participation-worker-02", updated.Text("supportWorker"));
        await (await coordinator.Send(HttpMethod.Put, path, change, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);
        var overdue = (await coordinator.Read("/api/participation/check-ins/overdue?supportWorker=participation-worker-02")).Items();
        Assert.Equal(id, Assert.Single(overdue).Id("placementId"));
        Assert.Empty((await coordinator.Read("/api/participation/check-ins/overdue?supportWorker=someone-else")).Items());
    }
    [Fact]
    public async Task A_placement_retried_with_the_same_idempotency_key_is_made_once_and_takes_one_place()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: 1));
        var requestId = await coordinator.NewRequestId();
        var key = Guid.NewGuid().ToString();
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, ParticipationClient.Placements)
            {
                Content = JsonContent.Create(new { requestId, opportunityId, stage = "trial" }),
            };
            message.Headers.Add("Idempotency-Key", key);
            ids.Add((await (await coordinator.SendAsync(message)).CreatedObject()).Id());
        }
        Assert.Equal(ids[0], ids[1]);
        Assert.Equal(1, await system.Rows("placements", tenant));
        Assert.Equal(1, (await coordinator.Read($"{ParticipationClient.Opportunities}/{opportunityId}"))["currentUse"]!.GetValue<int>());
        Assert.Single(await system.EventPayloads(tenant, "PlacementStageChanged"));
    }
}
