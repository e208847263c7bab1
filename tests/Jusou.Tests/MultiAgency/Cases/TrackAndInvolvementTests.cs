using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>The 支援会議 track and the consented track; organisations involved in a case with their roles.</summary>
[Collection(SystemCollection.Name)]
public sealed class TrackAndInvolvementTests(SystemFixture system)
{
    [Fact]
    public async Task Consent_obtained_moves_the_case_to_the_consented_track_and_tells_everyone()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant, subject: "coordinator-3");
        var caseId = (await coordinator.OpenCase("support_meeting", await system.ConsentingPerson(tenant))).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);

        var moved = await (await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/track",
            new { track = "consented", reason = "consent_obtained", note = "訪問時に書面で同意" }, etag)).Expect(HttpStatusCode.OK);

        Assert.Equal("consented", moved.Text("track"));
        var change = Assert.Single(moved.Items("trackHistory"));
        Assert.Equal("support_meeting", change.Text("fromTrack"));
        Assert.Equal("consented", change.Text("track"));
        Assert.Equal("consent_obtained", change.Text("reason"));
        Assert.Equal("coordinator-3", change.Text("changedBy"));
        var trackChanged = Assert.Single(await Events.Published<SupportCaseTrackChanged>(system, CaseClient.Database, e => e.CaseId == caseId));
        Assert.Equal(("support_meeting", "consented"), (trackChanged.FromTrack, trackChanged.ToTrack));
        Assert.Equal("track_changed", (await coordinator.Timeline(caseId))[0].Text("kind"));
    }

    [Fact]
    public async Task A_move_to_the_same_track_or_on_a_closed_case_is_refused_and_a_bad_one_is_400()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase("consented", await system.ConsentingPerson(tenant))).Id();
        var path = $"{CaseClient.Cases}/{caseId}/track";
        var (_, etag) = await coordinator.ReadCase(caseId);

        await (await coordinator.Send(HttpMethod.Post, path, new { track = "consented", reason = "other" }, etag)).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.Send(HttpMethod.Post, path, new { track = "support_meeting" }, etag)).AssertProblem(HttpStatusCode.BadRequest, "reason");
        await (await coordinator.Send(HttpMethod.Post, path, new { track = "secret", reason = "other" }, etag)).AssertProblem(HttpStatusCode.BadRequest, "track");
        await (await coordinator.Send(HttpMethod.Post, path, new { track = "support_meeting", reason = "other" })).AssertProblem((HttpStatusCode)428);

        await coordinator.Move(caseId, "closed", reason: "moved_out");
        var (_, closedETag) = await coordinator.ReadCase(caseId);
        await (await coordinator.Send(HttpMethod.Post, path, new { track = "support_meeting", reason = "consent_withdrawn" }, closedETag))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Empty((await coordinator.ReadCase(caseId)).Case.Items("trackHistory"));
        Assert.Equal(0, await system.Events<SupportCaseTrackChanged>(caseId));
    }

    [Fact]
    public async Task Agency_staff_cannot_change_the_track()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var caseId = (await system.Coordinator(tenant).OpenCase()).Id();
        var (_, etag) = await system.Coordinator(tenant).ReadCase(caseId);
        var response = await system.Gateway(tenant, JusouRoles.AgencyStaff).Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/track",
            new { track = "consented", reason = "consent_obtained" }, etag);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("support_meeting", (await system.Coordinator(tenant).ReadCase(caseId)).Case.Text("track"));
    }

    [Fact]
    public async Task Organisations_take_roles_in_a_case_one_lead_at_a_time_and_leave_it()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var path = $"{CaseClient.Cases}/{caseId}/involvements";

        var lead = await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-houkatsu", role = "lead", startedOn = "2026-11-01" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("lead", lead.Text("role"));
        Assert.Equal("2026-11-01", lead.Text("startedOn"));
        await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-shakyo", role = "lead" })).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-houkatsu", role = "lead" })).AssertProblem(HttpStatusCode.Conflict);
        await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-shakyo", role = "collaborating" })).Expect(HttpStatusCode.Created);
        await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-school", role = "information" })).Expect(HttpStatusCode.Created);

        var ended = await (await coordinator.PostAsJsonAsync($"{path}/{lead.Id()}/end", new { reason = "handed_over", endedOn = "2026-11-20" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("2026-11-20", ended.Text("endedOn"));
        Assert.Equal("handed_over", ended.Text("endReason"));
        await (await coordinator.PostAsJsonAsync($"{path}/{lead.Id()}/end", new { reason = "handed_over" })).AssertProblem(HttpStatusCode.Conflict);
        // With the first lead gone, another organisation may lead.
        await (await coordinator.PostAsJsonAsync(path, new { organisationCode = "tono-shakyo", role = "lead" })).Expect(HttpStatusCode.Created);

        var involvements = (await coordinator.ReadCase(caseId)).Case.Items("involvements");
        Assert.Equal(4, involvements.Count);
        Assert.Single(involvements, i => i.Text("role") == "lead" && i["endedOn"] is null);
        var kinds = (await coordinator.Timeline(caseId)).Select(e => e.Text("kind")).ToList();
        Assert.Equal(4, kinds.Count(k => k == "involvement_added"));
        Assert.Equal(1, kinds.Count(k => k == "involvement_ended"));
    }

    [Theory]
    [InlineData("""{"role":"lead"}""", "organisationCode")]
    [InlineData("""{"organisationCode":"tono-shakyo"}""", "role")]
    [InlineData("""{"organisationCode":"tono-shakyo","role":"boss"}""", "role")]
    public async Task A_bad_involvement_is_400_and_nothing_is_stored(string json, string field)
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var response = await coordinator.PostAsync($"{CaseClient.Cases}/{caseId}/involvements",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM case_involvements WHERE case_id = $1", caseId));
    }

    [Fact]
    public async Task A_partner_agency_sees_only_the_cases_it_is_involved_in_and_the_audit_names_the_sharing_rule()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var involved = (await coordinator.OpenCase("support_meeting")).Id();
        var notInvolved = (await coordinator.OpenCase("support_meeting")).Id();
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{involved}/involvements", new { organisationCode = "tono-shakyo", role = "collaborating" }))
            .Expect(HttpStatusCode.Created);
        var agency = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "shakyo-1", organisation: "tono-shakyo");

        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync($"{CaseClient.Cases}/{involved}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"{CaseClient.Cases}/{notInvolved}")).StatusCode);
        var listed = (await (await agency.GetAsync(CaseClient.Cases)).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal([involved], listed.Select(c => c.Id()));
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM audit_entries WHERE record_id = $1 AND action = 'read' AND subject = 'shakyo-1' AND rule = 'support_meeting'", involved));

        // A manager sees both.
        var managerList = (await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync(CaseClient.Cases)).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal(2, managerList.Count);
    }
}
