using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>定着支援: check-ins on a schedule, the overdue list, and 伴走型カウンセリング sessions.</summary>
[Collection(SystemCollection.Name)]
public sealed class CheckInTests(SystemFixture system)
{
    private static DateOnly Today => ParticipationClient.TodayInJapan;

    [Fact]
    public async Task A_check_in_past_its_due_date_is_on_the_overdue_list_until_one_is_held()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var opportunityId = await coordinator.NewOpportunityId();
        var overdue = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunityId, "participating", Today.AddDays(-20), Today.AddDays(-6));
        var onTime = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunityId, "trial", Today.AddDays(-3));
        var endedLate = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunityId, "trial", Today.AddDays(-30), Today.AddDays(-10));
        await (await coordinator.MovePlacement(endedLate, "ended", "own_wish")).OkObject();

        var list = (await coordinator.Read("/api/participation/check-ins/overdue")).Items().ToList();
        var line = Assert.Single(list);
        Assert.Equal(overdue, line.Id("placementId"));
        Assert.Equal(6, line["daysOverdue"]!.GetValue<int>());
        Assert.Equal(Today.AddDays(-6), DateOnly.Parse(line.Text("nextCheckInOn")));
        Assert.True((await coordinator.Read($"{ParticipationClient.Placements}/{overdue}"))["checkInOverdue"]!.GetValue<bool>());
        Assert.False((await coordinator.Read($"{ParticipationClient.Placements}/{onTime}"))["checkInOverdue"]!.GetValue<bool>());

        var path = $"{ParticipationClient.Placements}/{overdue}/check-ins";
        var created = await coordinator.PostAsJsonAsync(path, new { method = "at_host", condition = "some_concerns", notes = "朝起きるのがつらいと話す" });
        var checkIn = await created.CreatedObject();
        Assert.Equal(Today.AddDays(14), DateOnly.Parse(checkIn.Text("nextDueOn")));
        Assert.Empty((await coordinator.Read("/api/participation/check-ins/overdue")).Items());
        var placement = await coordinator.Read($"{ParticipationClient.Placements}/{overdue}");
        Assert.Equal(Today, DateOnly.Parse(placement.Text("lastCheckInOn")));
        Assert.Equal(Today.AddDays(14), DateOnly.Parse(placement.Text("nextCheckInOn")));

        // A check-in recorded late for an earlier day does not move the schedule back.
        await (await coordinator.PostAsJsonAsync(path, new { method = "phone", condition = "stable", heldOn = Today.AddDays(-2) })).CreatedObject();
        Assert.Equal(Today.AddDays(14), DateOnly.Parse((await coordinator.Read($"{ParticipationClient.Placements}/{overdue}")).Text("nextCheckInOn")));
        Assert.Equal(2, (await coordinator.Read(path)).Items().Count);

        var announced = await system.EventPayloads(tenant, "PlacementCheckedIn");
        Assert.Equal(2, announced.Count);
        Assert.Equal(overdue, announced[0].Id("PlacementId"));
        Assert.DoesNotContain("朝起きる", announced[0].ToJsonString());

        // Check-ins end with the placement.
        await (await coordinator.PostAsJsonAsync($"{ParticipationClient.Placements}/{endedLate}/check-ins", new { method = "phone", condition = "stable" }))
            .AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_bad_check_in_is_refused_and_nothing_is_stored_and_another_tenant_cannot_reach_the_placement()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var placement = await coordinator.PlacedId(await coordinator.NewRequestId(), await coordinator.NewOpportunityId());
        var path = $"{ParticipationClient.Placements}/{placement}/check-ins";
        await (await coordinator.PostAsJsonAsync(path, new { method = "telepathy", condition = "stable" })).AssertProblem(HttpStatusCode.BadRequest, "method");
        await (await coordinator.PostAsJsonAsync(path, new { method = "phone", condition = "stable", heldOn = Today.AddDays(2) }))
            .AssertProblem(HttpStatusCode.BadRequest, "heldOn");
        await (await coordinator.PostAsJsonAsync(path, new { method = "phone", condition = "stable", nextDueOn = Today.AddDays(-1) }))
            .AssertProblem(HttpStatusCode.BadRequest, "nextDueOn");
        Assert.Equal(0, await system.Rows("check_ins", tenant));
        Assert.Empty(await system.EventPayloads(tenant, "PlacementCheckedIn"));

        var stranger = system.Coordinator(Tenants.Fresh());
        await (await stranger.PostAsJsonAsync(path, new { method = "phone", condition = "stable" })).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync(path)).AssertProblem(HttpStatusCode.NotFound);
        Assert.Empty((await stranger.Read("/api/participation/check-ins/overdue")).Items());
        await (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync(path, new { method = "phone", condition = "stable" }))
            .AssertStatus(HttpStatusCode.Forbidden);
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync("/api/participation/check-ins/overdue")).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(0, await system.Rows("check_ins", tenant));
    }

    [Fact]
    public async Task Counselling_sessions_are_logged_for_the_request_and_read_back_audited()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var requestId = await coordinator.NewRequestId();
        var placement = await coordinator.PlacedId(requestId, await coordinator.NewOpportunityId());
        var path = $"{ParticipationClient.Requests}/{requestId}/sessions";

        var session = await (await coordinator.PostAsJsonAsync(path, new { kind = "accompanied", durationMinutes = 90, placementId = placement, notes = "見学に同行" }))
            .CreatedObject();
        Assert.Equal(placement, session.Id("placementId"));
        await (await coordinator.PostAsJsonAsync(path, new { kind = "individual", heldOn = Today.AddDays(-1) })).CreatedObject();
        var sessions = (await coordinator.Read(path)).Items().ToList();
        Assert.Equal(["accompanied", "individual"], sessions.Select(s => s.Text("kind")));
        Assert.Equal(1, await system.AuditRows(tenant, session.Id(), "read"));

        await (await coordinator.PostAsJsonAsync(path, new { kind = "karaoke" })).AssertProblem(HttpStatusCode.BadRequest, "kind");
        await (await coordinator.PostAsJsonAsync(path, new { kind = "individual", placementId = Guid.CreateVersion7() }))
            .AssertProblem(HttpStatusCode.BadRequest, "placementId");
        await (await coordinator.PostAsJsonAsync(path, new { kind = "individual", durationMinutes = 0 })).AssertProblem(HttpStatusCode.BadRequest, "durationMinutes");
        Assert.Equal(2, await system.Rows("counselling_sessions", tenant));

        var stranger = system.Coordinator(Tenants.Fresh());
        await (await stranger.PostAsJsonAsync(path, new { kind = "individual" })).AssertProblem(HttpStatusCode.NotFound);
        await (await stranger.GetAsync(path)).AssertProblem(HttpStatusCode.NotFound);
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync(path)).AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(2, await system.Rows("counselling_sessions", tenant));
    }
}
