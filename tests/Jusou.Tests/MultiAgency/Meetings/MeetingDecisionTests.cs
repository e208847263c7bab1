using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.EndToEnd;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Meetings;

/// <summary>
/// Decisions act: a decision (方針) recorded at a meeting reaches the service that carries it out, each effect is visible
/// through that service's API and on the case timeline, the consent rule refuses what the case's consent does not allow,
/// and a changed or removed decision withdraws what it opened while nothing has been done on it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class MeetingDecisionTests(SystemFixture system)
{
    private const string Meetings = MeetingClient.Meetings;
    private static readonly TimeSpan Hop = EndToEndClient.Hop;

    [Fact]
    public async Task To_outreach_opens_an_outreach_target_for_the_case_shown_on_its_timeline()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant); // 支援会議 track: アウトリーチへ is allowed under 法106条の6
        var coordinator = system.Coordinator(tenant);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-1");

        var (meeting, decisionId) = await Decide(coordinator, caseId, "to_outreach");

        var target = await outreach.OutreachTargetFrom("meeting_decision", decisionId);
        Assert.Equal(caseId, target.Id("supportCaseId"));
        Assert.Equal("identified", target.Text("stage"));
        Assert.Equal("2021-05-20", target.Text("identifiedOn"));
        Assert.Equal(["8050"], target["concernCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        var line = await TimelineLine(coordinator, caseId, "outreach_target_opened");
        Assert.Equal(target.Id(), line.Id("recordId"));
        Assert.Contains("discussed_at_meeting", await coordinator.TimelineKinds(caseId));
        // The bus carries codes and ids only: never the note or the minutes.
        var payloads = await Sql.Strings(system, "multiagencydb",
            "SELECT payload::text FROM outbox_messages WHERE event_type LIKE '%MeetingDecisionRecorded%' AND payload::text LIKE '%' || $1 || '%'",
            decisionId.ToString());
        var payload = Assert.Single(payloads);
        Assert.DoesNotContain("民生委員", payload, StringComparison.Ordinal);
        Assert.Contains(meeting.Id().ToString(), payload, StringComparison.Ordinal);
        Assert.Contains(caseId.ToString(), payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_consent_participation_and_rights_advocacy_open_a_request_and_a_matter()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var forParticipation = await system.OpenCase(tenant, "consent");
        var forRights = await system.OpenCase(tenant, "consent");
        var coordinator = system.Coordinator(tenant);
        var rightsStaff = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "centre-1", organisation: "tono-guardianship-centre");

        var meeting = await (await coordinator.PostAsJsonAsync(Meetings, new
        {
            date = "2021-06-17", type = "multi_layered_support_meeting",
            items = new object[]
            {
                new { caseId = forParticipation, decision = "to_participation" },
                new { caseId = forRights, decision = "to_rights_advocacy" },
            },
        })).Expect(HttpStatusCode.Created);
        var decisions = meeting.Items().ToDictionary(i => i.Id("caseId"), i => i.Id("decisionId"));

        var request = await Eventually.Get(async () => (await coordinator.Read($"/api/participation/requests?supportCaseId={forParticipation}")).Items()
            .FirstOrDefault(), Hop, "the participation request");
        Assert.Equal("meeting_decision", request.Text("source"));
        Assert.Equal(decisions[forParticipation], request.Id("sourceId"));
        var matter = Assert.Single(await rightsStaff.RightsMattersOf(forRights));
        Assert.Equal("meeting_decision", matter.Text("source"));
        Assert.Equal(decisions[forRights], matter.Id("sourceId"));
        Assert.Equal("consultation", matter.Text("stage"));

        Assert.Equal(request.Id(), (await TimelineLine(coordinator, forParticipation, "participation_request_opened")).Id("recordId"));
        Assert.Equal(matter.Id(), (await TimelineLine(coordinator, forRights, "guardianship_matter_opened")).Id("recordId"));
    }

    [Fact]
    public async Task Withdrawn_participation_and_rights_decisions_cancel_the_untouched_request_and_matter()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant, "consent");
        var coordinator = system.Coordinator(tenant);
        var rightsStaff = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "centre-1", organisation: "tono-guardianship-centre");
        var meeting = await (await coordinator.PostAsJsonAsync(Meetings, new
        {
            date = "2021-06-17", type = "multi_layered_support_meeting", items = new object[] { new { caseId, decision = "to_participation" } },
        })).Expect(HttpStatusCode.Created);
        var path = $"{Meetings}/{meeting.Id()}";
        var itemPath = $"{path}/items/{meeting.Items()[0].Id()}";
        var request = await Eventually.Get(async () => (await coordinator.Read($"/api/participation/requests?supportCaseId={caseId}")).Items()
            .FirstOrDefault(), Hop, "the participation request");

        // 参加支援へ becomes 権利擁護へ: the request nobody worked on goes, a matter opens.
        await (await coordinator.SendIfMatch(HttpMethod.Put, itemPath, new { stream = "multi_agency", decision = "to_rights_advocacy" }, path))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("cancelled", (await TimelineLine(coordinator, caseId, "participation_request_withdrawn")).Text("detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/participation/requests/{request.Id()}")).StatusCode);
        var matter = Assert.Single(await rightsStaff.RightsMattersOf(caseId));

        // And removed: the matter, still at 相談 with nothing recorded, goes too.
        using var removed = await coordinator.SendIfMatch(HttpMethod.Delete, itemPath, new { }, path);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("cancelled", (await TimelineLine(coordinator, caseId, "guardianship_matter_withdrawn")).Text("detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await rightsStaff.GetAsync($"/api/rights/matters/{matter.Id()}")).StatusCode);
    }

    [Fact]
    public async Task To_multi_agency_moves_the_case_into_assessment_with_a_coordinator_to_assign()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);

        await Decide(coordinator, caseId, "to_multi_agency");

        Assert.Equal("assessment", (await coordinator.Read($"/api/multiagency/cases/{caseId}")).Text("status"));
        var alert = Assert.Single(await Alerts(coordinator, caseId));
        Assert.Equal("coordinator_needed", alert.Text("rule"));
        Assert.Equal("open", alert.Text("status"));
        var kinds = await coordinator.TimelineKinds(caseId);
        Assert.Contains("status_changed", kinds);
        Assert.Contains("watch_alert_raised", kinds);
    }

    [Fact]
    public async Task Watch_starts_a_watch_on_the_case_and_close_proposes_closure_without_closing()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var watched = await system.OpenCase(tenant);
        var toClose = await system.OpenCase(tenant);
        var continued = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);

        var meeting = await (await coordinator.PostAsJsonAsync(Meetings, new
        {
            date = "2021-07-15", type = "support_meeting",
            attendees = new object[] { new { organisationCode = MeetingClient.Secretariat, role = "secretariat" } },
            items = new object[]
            {
                new { caseId = watched, decision = "watch" }, new { caseId = toClose, decision = "close" },
                new { caseId = continued, decision = "continue_with_agencies" },
            },
        })).Expect(HttpStatusCode.Created);

        var support = Assert.Single((await coordinator.Read($"/api/multiagency/cases/{watched}/supports")).Items());
        Assert.Equal("meeting_watch", support.Text("kind"));
        Assert.Equal("2021-07-15", support.Text("startsOn"));
        Assert.Contains("watch_started", await coordinator.TimelineKinds(watched));

        var proposal = Assert.Single(await Alerts(coordinator, toClose));
        Assert.Equal("closure_proposed", proposal.Text("rule"));
        Assert.Equal("received", (await coordinator.Read($"/api/multiagency/cases/{toClose}")).Text("status")); // not closed by itself

        // 関係機関で対応継続: the timeline only.
        Assert.Empty(await Alerts(coordinator, continued));
        Assert.Empty((await coordinator.Read($"/api/multiagency/cases/{continued}/supports")).Items());
        var continuedKinds = await coordinator.TimelineKinds(continued);
        Assert.Contains("discussed_at_meeting", continuedKinds);
        Assert.DoesNotContain("status_changed", continuedKinds);
        Assert.DoesNotContain("watch_started", continuedKinds);
        Assert.DoesNotContain("watch_alert_raised", continuedKinds);
        Assert.Empty(await Events.Published<MeetingDecisionWithdrawn>(system, "multiagencydb", e => e.MeetingId == meeting.Id()));
    }

    [Fact]
    public async Task A_decision_the_cases_consent_does_not_allow_is_refused_naming_the_rule_storing_nothing_and_audited()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant); // no consent: the 支援会議 track
        var coordinator = system.Coordinator(tenant);

        var refused = await coordinator.PostAsJsonAsync(Meetings, new
        {
            date = "2021-05-20", type = "support_meeting", items = new object[] { new { caseId, decision = "to_participation" } },
        });

        var problem = await refused.Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("consent_required", problem.Text("rule"));
        Assert.Contains("106条の6", problem.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await system.MeetingRows(tenant));
        Assert.Equal(1, await system.Audits(tenant, caseId, "decide_denied", "consent_required"));

        // Changing an item to a decision beyond the consent is refused the same way, and the item stays as it was.
        var (meeting, _) = await coordinator.CreateMeeting(MeetingClient.SupportMeeting(caseId));
        var path = $"{Meetings}/{meeting.Id()}";
        var itemId = meeting.Items()[0].Id();
        var before = await coordinator.GetAsync(path);
        var change = await coordinator.SendIfMatch(HttpMethod.Put, $"{path}/items/{itemId}",
            new { stream = "case_sharing", decision = "to_rights_advocacy" }, path);
        Assert.Equal("consent_required", (await change.Expect(HttpStatusCode.UnprocessableEntity)).Text("rule"));
        var after = await coordinator.GetAsync(path);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Null((await after.Expect(HttpStatusCode.OK)).Items()[0]["decision"]);
        Assert.Equal(2, await system.Audits(tenant, caseId, "decide_denied", "consent_required"));
        Assert.Empty(await Events.Published<MeetingDecisionRecorded>(system, "multiagencydb", e => e.CaseId == caseId));
        Assert.Empty(await Events.Published<MeetingDecisionWithdrawn>(system, "multiagencydb", e => e.CaseId == caseId));
    }

    [Fact]
    public async Task Changing_a_decision_before_anything_was_done_withdraws_what_it_opened()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-1");
        var (meeting, decisionId) = await Decide(coordinator, caseId, "to_outreach");
        var target = await outreach.OutreachTargetFrom("meeting_decision", decisionId);
        var path = $"{Meetings}/{meeting.Id()}";
        var itemId = meeting.Items()[0].Id();

        // アウトリーチへ becomes 見守り: the untouched target is cancelled, the watch starts.
        var changed = await (await coordinator.SendIfMatch(HttpMethod.Put, $"{path}/items/{itemId}",
            new { stream = "case_sharing", decision = "watch" }, path)).Expect(HttpStatusCode.OK);
        Assert.NotEqual(decisionId, changed.Items()[0].Id("decisionId"));
        Assert.Equal("cancelled", (await TimelineLine(coordinator, caseId, "outreach_target_withdrawn")).Text("detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await outreach.GetAsync($"/api/outreach/targets/{target.Id()}")).StatusCode);
        Assert.Single((await coordinator.Read($"/api/multiagency/cases/{caseId}/supports")).Items());

        // Removing the item withdraws the 見守り too.
        using var removed = await coordinator.SendIfMatch(HttpMethod.Delete, $"{path}/items/{itemId}", new { }, path);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await coordinator.Read($"/api/multiagency/cases/{caseId}/supports")).Items());
        var withdrawals = (await Timeline(coordinator, caseId)).Where(l => l.Text("kind") == "decision_withdrawn")
            .Select(l => l["detail"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(["to_outreach", "watch:cancelled"], withdrawals);

        // A closure proposal withdrawn before the coordinator dealt with it is dismissed.
        await Decide(coordinator, caseId, "close", date: "2021-06-17");
        var proposal = Assert.Single(await Alerts(coordinator, caseId));
        var second = (await coordinator.Read($"{Meetings}?from=2021-06-17&to=2021-06-17")).Items().Single().Id();
        var secondItem = (await coordinator.Read($"{Meetings}/{second}")).Items()[0].Id();
        await (await coordinator.SendIfMatch(HttpMethod.Put, $"{Meetings}/{second}/items/{secondItem}",
            new { stream = "case_sharing", decision = (string?)null }, $"{Meetings}/{second}")).Expect(HttpStatusCode.OK);
        Assert.Equal("dismissed", (await coordinator.Read($"/api/multiagency/alerts/{proposal.Id()}")).Text("status"));
    }

    [Fact]
    public async Task A_withdrawn_decision_keeps_what_was_already_worked_on_and_says_so()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-1");
        var (meeting, decisionId) = await Decide(coordinator, caseId, "to_outreach");
        var target = await outreach.OutreachTargetFrom("meeting_decision", decisionId);
        await (await outreach.PostAsJsonAsync($"/api/outreach/targets/{target.Id()}/contacts", new { method = "visit", outcome = "absent" }))
            .Expect(HttpStatusCode.Created);
        var path = $"{Meetings}/{meeting.Id()}";

        await (await coordinator.SendIfMatch(HttpMethod.Put, $"{path}/items/{meeting.Items()[0].Id()}",
            new { stream = "case_sharing", decision = (string?)null }, path)).Expect(HttpStatusCode.OK);

        Assert.Equal("kept", (await TimelineLine(coordinator, caseId, "outreach_target_withdrawn")).Text("detail"));
        Assert.Equal(caseId, (await outreach.Read($"/api/outreach/targets/{target.Id()}")).Id("supportCaseId"));
    }

    [Fact]
    public async Task A_withdrawal_arriving_first_and_decisions_delivered_twice_end_right()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var caseId = await system.OpenCase(tenant);
        var coordinator = system.Coordinator(tenant);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-1");
        var meetingId = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        MeetingDecisionRecorded Recorded(Guid decisionId) => new(Guid.CreateVersion7(), at, tenant, decisionId, meetingId, Guid.CreateVersion7(),
            caseId, "to_outreach", new DateOnly(2021, 5, 20), "support_meeting", "support_meeting", null, "tono-chuo", "8050");
        MeetingDecisionWithdrawn Withdrawn(Guid decisionId) => new(Guid.CreateVersion7(), at, tenant, decisionId, meetingId, Guid.CreateVersion7(),
            caseId, "to_outreach", "changed");

        // The withdrawal is handled before the decision it withdraws: the decision, arriving later, opens nothing.
        var early = Guid.CreateVersion7();
        var earlyWithdrawal = Withdrawn(early);
        await system.Publish(earlyWithdrawal);
        await Eventually.True(async () => await Handled(earlyWithdrawal.EventId), Hop, "the early withdrawal");
        var late = Recorded(early);
        await system.Publish(late);
        await Eventually.True(async () => await Handled(late.EventId), Hop, "the late decision");
        Assert.Equal(0, await TargetsFrom(early));

        // A decision delivered twice (same event) and re-sent (another event id) opens one target; its withdrawal,
        // delivered twice and re-sent, cancels it once.
        var twice = Guid.CreateVersion7();
        var decision = Recorded(twice);
        await system.Publish(decision, decision, Recorded(twice));
        var target = await outreach.OutreachTargetFrom("meeting_decision", twice);
        Assert.Equal(1, await TargetsFrom(twice));
        var withdrawal = Withdrawn(twice);
        var resent = Withdrawn(twice);
        await system.Publish(withdrawal, withdrawal, resent);
        await Eventually.True(async () => await Handled(withdrawal.EventId) && await Handled(resent.EventId), Hop, "both withdrawals");
        Assert.Equal(0, await TargetsFrom(twice));
        Assert.Equal(HttpStatusCode.NotFound, (await outreach.GetAsync($"/api/outreach/targets/{target.Id()}")).StatusCode);
        await TimelineLine(coordinator, caseId, "outreach_target_withdrawn");
        Assert.Equal(1, (await Timeline(coordinator, caseId)).Count(l => l.Text("kind") == "outreach_target_withdrawn"));

        // Decided again after all that: a new decision id, a new target.
        var again = Guid.CreateVersion7();
        await system.Publish(Recorded(again));
        Assert.Equal(caseId, (await outreach.OutreachTargetFrom("meeting_decision", again)).Id("supportCaseId"));

        Task<long> TargetsFrom(Guid decisionId) => Sql.Count(system, "outreachdb",
            "SELECT count(*) FROM targets WHERE tenant_code = $1 AND source = 'meeting_decision' AND source_id = $2", tenant, decisionId);
        async Task<bool> Handled(Guid messageId) => await Sql.Count(system, "outreachdb",
            "SELECT count(*) FROM inbox_messages WHERE message_id = $1 AND consumer LIKE 'MeetingDecision%'", messageId) == 1;
    }

    /// <summary>Records a 支援会議 discussing <paramref name="caseId"/> with <paramref name="decision"/>; returns it and the decision's id.</summary>
    private static async Task<(JsonObject Meeting, Guid DecisionId)> Decide(HttpClient coordinator, Guid caseId, string decision, string date = "2021-05-20")
    {
        var meeting = await (await coordinator.PostAsJsonAsync(Meetings, new
        {
            date, type = "support_meeting",
            attendees = new object[] { new { organisationCode = MeetingClient.Secretariat, role = "secretariat" } },
            items = new object[] { new { caseId, decision, note = "民生委員と訪問を継続" } },
        })).Expect(HttpStatusCode.Created);
        var item = Assert.Single(meeting.Items());
        Assert.Equal(decision, item.Text("decision"));
        return (meeting, item.Id("decisionId"));
    }

    private static async Task<IReadOnlyList<JsonObject>> Timeline(HttpClient coordinator, Guid caseId) =>
        (await coordinator.Read($"/api/multiagency/cases/{caseId}/timeline?pageSize=100")).Items();

    /// <summary>The timeline line of <paramref name="kind"/>, once another service's report has arrived.</summary>
    private static Task<JsonObject> TimelineLine(HttpClient coordinator, Guid caseId, string kind) =>
        Eventually.Get(async () => (await Timeline(coordinator, caseId)).FirstOrDefault(l => l.Text("kind") == kind), Hop, $"{kind} on the timeline");

    private static async Task<IReadOnlyList<JsonObject>> Alerts(HttpClient coordinator, Guid caseId) =>
        (await coordinator.Read($"/api/multiagency/alerts?caseId={caseId}&mine=false")).Items();
}
