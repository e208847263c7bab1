using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>Support cases opened directly, their lifecycle, status history, closure and reopening.</summary>
[Collection(SystemCollection.Name)]
public sealed class SupportCaseTests(SystemFixture system)
{
    [Fact]
    public async Task A_coordinator_opens_a_case_directly_and_coordinates_it_unless_naming_another()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant, subject: "coordinator-7");
        var personId = Guid.CreateVersion7();

        var response = await coordinator.PostAsJsonAsync(CaseClient.Cases, new
        {
            track = "support_meeting", personId, mainConcern = "8050", referralRoute = "welfare_commissioner",
            householdType = "elder_with_unmarried_adult_child", districtCode = "aozasa",
        });
        var created = await response.Expect(HttpStatusCode.Created);
        var id = created.Id();

        Assert.Equal($"{CaseClient.Cases}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("received", created.Text("status"));
        Assert.Equal("support_meeting", created.Text("track"));
        Assert.Equal("coordinator-7", created.Text("coordinatorId"));
        Assert.Equal("welfare_commissioner", created.Text("referralRoute"));
        Assert.Equal("elder_with_unmarried_adult_child", created.Text("householdType"));
        Assert.Equal(personId, created.Id("personId"));
        Assert.Equal("received", Assert.Single(created.Items("statusHistory")).Text("status"));
        Assert.Equal(1, await system.Events<SupportCaseOpened>(id));
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));

        var other = await (await coordinator.PostAsJsonAsync(CaseClient.Cases, new { track = "support_meeting", coordinatorId = "coordinator-9" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("coordinator-9", other.Text("coordinatorId"));

        var read = await (await coordinator.GetAsync($"{CaseClient.Cases}/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("aozasa", read.Text("districtCode"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
    }

    public static TheoryData<string, string> InvalidCases => new()
    {
        { """{}""", "track" },
        { """{"track":"gossip"}""", "track" },
        { """{"track":"consented","mainConcern":"worries"}""", "mainConcern" },
        { """{"track":"consented","referralRoute":"rumour"}""", "referralRoute" },
        { """{"track":"consented","householdType":"castle"}""", "householdType" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task A_bad_case_is_refused_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = Tenants.Fresh();
        var response = await system.Coordinator(tenant).PostAsync(CaseClient.Cases, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("support_cases", tenant));
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1", tenant));
    }

    [Fact]
    public async Task Unknown_fields_are_refused()
    {
        var tenant = Tenants.Fresh();
        var response = await system.Coordinator(tenant).PostAsync(CaseClient.Cases,
            new StringContent("""{"track":"consented","name":"遠野 太郎"}""", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await system.Rows("support_cases", tenant));
    }

    [Theory]
    [InlineData(JusouRoles.AgencyStaff)]
    [InlineData(JusouRoles.Manager)]
    [InlineData(JusouRoles.IntakeWorker)]
    public async Task Only_coordinators_open_cases(string role)
    {
        var tenant = Tenants.Fresh();
        var response = await system.Gateway(tenant, role).PostAsJsonAsync(CaseClient.Cases, new { track = "consented" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await system.Rows("support_cases", tenant));
    }

    [Theory]
    [InlineData(JusouRoles.OutreachWorker)]
    [InlineData(JusouRoles.CommunityStaff)]
    [InlineData(JusouRoles.IntakeWorker)]
    public async Task Other_roles_cannot_read_cases(string role)
    {
        var tenant = Tenants.Fresh();
        var id = (await system.Coordinator(tenant).OpenCase()).Id();
        var other = system.Gateway(tenant, role);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{CaseClient.Cases}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{CaseClient.Cases}/{id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{CaseClient.Cases}/{id}/plans")).StatusCode);
        Assert.Equal(0, await system.AuditRows(tenant, id, "read"));
    }

    [Fact]
    public async Task A_case_goes_through_its_lifecycle_is_closed_by_a_meeting_and_reopened()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, planETag) = await system.CaseWithDraft(tenant, actions: 1);
        await (await coordinator.Approve(caseId, planId, planETag)).Expect(HttpStatusCode.OK);
        Assert.Equal("supporting", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        await coordinator.Move(caseId, "monitoring");

        var meetingId = Guid.CreateVersion7();
        var closed = await coordinator.Move(caseId, "closed", reason: "goal_achieved", meetingId: meetingId);
        Assert.Equal("closed", closed.Text("status"));
        Assert.Equal("goal_achieved", closed.Text("closureReason"));
        Assert.Equal(meetingId, closed.Id("closingMeetingId"));

        var reopened = await coordinator.Move(caseId, "assessment", reason: "worsened");
        Assert.Equal("assessment", reopened.Text("status"));
        Assert.Null(reopened["closureReason"]);

        var history = reopened.Items("statusHistory");
        Assert.Equal(["received", "assessment", "planning", "supporting", "monitoring", "closed", "assessment"], history.Select(h => h.Text("status")));
        Assert.Equal("goal_achieved", history[5].Text("reason"));
        Assert.Equal(meetingId, history[5].Id("meetingId"));
        Assert.Equal("worsened", history[6].Text("reason"));
        Assert.Equal("closed", history[6].Text("fromStatus"));

        Assert.Equal(6, await system.Events<SupportCaseStatusChanged>(caseId));
        Assert.Equal(1, await system.Events<SupportCaseClosed>(caseId));
        var closedEvent = Assert.Single(await Events.Published<SupportCaseClosed>(system, CaseClient.Database, e => e.CaseId == caseId));
        Assert.Equal(((Guid?)meetingId, "goal_achieved"), (closedEvent.MeetingId, closedEvent.ClosureReason));
        Assert.Equal(1, await system.AuditRows(tenant, caseId, "close"));

        var kinds = (await coordinator.Timeline(caseId)).Select(e => e.Text("kind")).ToList();
        Assert.Contains("closed", kinds);
        Assert.Contains("reopened", kinds);
        Assert.Contains("plan_approved", kinds);
        Assert.Equal("reopened", kinds[0]);
    }

    [Theory]
    [InlineData("supporting")]
    [InlineData("monitoring")]
    [InlineData("received")]
    public async Task A_transition_the_lifecycle_does_not_allow_is_refused_and_nothing_changes(string target)
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);

        var response = await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status", new { status = target }, etag);

        await response.AssertProblem(HttpStatusCode.Conflict);
        var (after, etagAfter) = await coordinator.ReadCase(caseId);
        Assert.Equal("received", after.Text("status"));
        Assert.Single(after.Items("statusHistory"));
        Assert.Equal(etag, etagAfter);
        Assert.Equal(0, await system.Events<SupportCaseStatusChanged>(caseId));
    }

    [Fact]
    public async Task Supporting_needs_an_approved_plan()
    {
        var coordinator = system.Coordinator(Tenants.Fresh());
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "assessment");
        await coordinator.Move(caseId, "planning");
        var (_, etag) = await coordinator.ReadCase(caseId);

        var response = await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status", new { status = "supporting" }, etag);

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("planning", (await coordinator.ReadCase(caseId)).Case.Text("status"));
    }

    [Theory]
    [InlineData("""{"status":"closed"}""", "reason")]
    [InlineData("""{"status":"closed","reason":"bored"}""", "reason")]
    [InlineData("""{"status":"assessment","reason":"goal_achieved"}""", "reason")]
    [InlineData("""{"status":"assessment","meetingId":"0193a5b0-7c1e-7a4e-9f00-000000000301"}""", "meetingId")]
    [InlineData("""{"status":"paused"}""", "status")]
    public async Task A_bad_status_change_is_400_and_changes_nothing(string json, string field)
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        await (await coordinator.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal("received", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM case_status_changes WHERE case_id = $1", caseId));
        Assert.Equal(0, await system.Events<SupportCaseStatusChanged>(caseId));
    }

    [Fact]
    public async Task Reopening_needs_a_reopen_reason()
    {
        var coordinator = system.Coordinator(Tenants.Fresh());
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "closed", reason: "declined");
        var (_, etag) = await coordinator.ReadCase(caseId);

        await (await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status", new { status = "assessment" }, etag))
            .AssertProblem(HttpStatusCode.BadRequest, "reason");
        await (await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status", new { status = "planning", reason = "worsened" }, etag))
            .AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("closed", (await coordinator.ReadCase(caseId)).Case.Text("status"));
    }

    [Fact]
    public async Task Changes_need_the_current_ETag()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);
        var status = $"{CaseClient.Cases}/{caseId}/status";

        await (await coordinator.Send(HttpMethod.Post, status, new { status = "assessment" })).AssertProblem((HttpStatusCode)428);
        await (await coordinator.Send(HttpMethod.Patch, $"{CaseClient.Cases}/{caseId}", new { coordinatorId = "c-2" })).AssertProblem((HttpStatusCode)428);

        var patched = await coordinator.Send(HttpMethod.Patch, $"{CaseClient.Cases}/{caseId}", new { coordinatorId = "c-2", householdType = "single_65_plus" }, etag);
        var body = await patched.Expect(HttpStatusCode.OK);
        Assert.Equal("c-2", body.Text("coordinatorId"));
        Assert.Equal("single_65_plus", body.Text("householdType"));
        Assert.Equal("8050", body.Text("mainConcern"));
        Assert.NotEqual(etag, patched.ETagOf());

        // The ETag read before the change is stale now.
        await (await coordinator.Send(HttpMethod.Post, status, new { status = "assessment" }, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await coordinator.Send(HttpMethod.Patch, $"{CaseClient.Cases}/{caseId}", new { coordinatorId = "c-3" }, etag))
            .AssertProblem(HttpStatusCode.PreconditionFailed);
        var (after, _) = await coordinator.ReadCase(caseId);
        Assert.Equal("received", after.Text("status"));
        Assert.Equal("c-2", after.Text("coordinatorId"));
        Assert.Equal(1, await system.AuditRows(tenant, caseId, "update"));
    }

    [Fact]
    public async Task A_bad_patch_is_400_and_changes_nothing()
    {
        var coordinator = system.Coordinator(Tenants.Fresh());
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);
        await (await coordinator.Send(HttpMethod.Patch, $"{CaseClient.Cases}/{caseId}", new { mainConcern = "nothing" }, etag))
            .AssertProblem(HttpStatusCode.BadRequest, "mainConcern");
        Assert.Equal("8050", (await coordinator.ReadCase(caseId)).Case.Text("mainConcern"));
    }

    [Fact]
    public async Task A_repeated_open_with_the_same_idempotency_key_opens_one_case()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var key = Guid.NewGuid().ToString();

        var first = await (await coordinator.Send(HttpMethod.Post, CaseClient.Cases, new { track = "support_meeting" }, idempotencyKey: key))
            .Expect(HttpStatusCode.Created);
        var again = await coordinator.Send(HttpMethod.Post, CaseClient.Cases, new { track = "support_meeting" }, idempotencyKey: key);
        var second = await again.Expect(HttpStatusCode.Created);

        Assert.Equal(first.Id(), second.Id());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await system.Rows("support_cases", tenant));
        Assert.Equal(1, await system.Events<SupportCaseOpened>(first.Id()));
    }

    [Fact]
    public async Task A_retried_status_change_with_the_same_key_moves_the_case_once()
    {
        var coordinator = system.Coordinator(Tenants.Fresh());
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);
        var key = Guid.NewGuid().ToString();
        var path = $"{CaseClient.Cases}/{caseId}/status";

        await (await coordinator.Send(HttpMethod.Post, path, new { status = "assessment" }, etag, key)).Expect(HttpStatusCode.OK);
        // The client did not see the answer and retries with what it had: the first answer is replayed, not a 412 or a second move.
        var retry = await coordinator.Send(HttpMethod.Post, path, new { status = "assessment" }, etag, key);
        Assert.Equal("assessment", (await retry.Expect(HttpStatusCode.OK)).Text("status"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());

        Assert.Equal(2, (await coordinator.ReadCase(caseId)).Case.Items("statusHistory").Count);
        Assert.Equal(1, await system.Events<SupportCaseStatusChanged>(caseId));
    }

    [Fact]
    public async Task Another_tenant_finds_nothing_and_changes_nothing()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, planETag) = await system.CaseWithDraft(tenant, actions: 1, track: "support_meeting");
        var (_, etag) = await coordinator.ReadCase(caseId);
        var stranger = system.Coordinator(await system.FreshTenantWith("tono-shakyo"));
        var path = $"{CaseClient.Cases}/{caseId}";

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{path}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{path}/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{path}/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{path}/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, $"{path}/status", new { status = "closed", reason = "other" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Post, $"{path}/track", new { track = "consented", reason = "other" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Patch, path, new { coordinatorId = "x" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{path}/involvements", new { organisationCode = "tono-shakyo", role = "lead" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Approve(caseId, planId, planETag, Guid.CreateVersion7())).StatusCode);
        Assert.Empty((await (await stranger.GetAsync(CaseClient.Cases)).Expect(HttpStatusCode.OK)).Items("items"));

        var (after, _) = await coordinator.ReadCase(caseId);
        Assert.Equal("planning", after.Text("status"));
        Assert.Equal("support_meeting", after.Text("track"));
        Assert.Empty(after.Items("involvements"));
    }

    [Fact]
    public async Task If_Match_star_changes_whatever_version_exists_and_a_first_assessment_has_none()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();

        var patched = await (await coordinator.Send(HttpMethod.Patch, $"{CaseClient.Cases}/{caseId}", new { districtCode = "aozasa" }, etag: "*"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("aozasa", patched.Text("districtCode"));

        await coordinator.Move(caseId, "assessment");
        var first = await coordinator.Send(HttpMethod.Put, $"{CaseClient.Cases}/{caseId}/assessment", new
        {
            assessedOn = "2026-11-02", areas = new[] { new { area = "care", severity = "high", finding = "父が要介護2" } },
        }, etag: "*");
        await first.AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(0, await system.Rows("assessments", tenant));
    }
}
