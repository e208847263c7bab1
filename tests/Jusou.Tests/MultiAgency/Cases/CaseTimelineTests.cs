using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts;
using Jusou.Contracts.Outreach;
using Jusou.Contracts.Participation;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>The case timeline: this service's own events and what the other services report on the bus.</summary>
[Collection(SystemCollection.Name)]
public sealed class CaseTimelineTests(SystemFixture system)
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_outreach_contact_reported_by_Outreach_shows_on_the_timeline_once_and_moves_the_last_activity_on()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var opened = await coordinator.OpenCase();
        var caseId = opened.Id();
        var targetId = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow.AddMinutes(1);
        var contact = new OutreachContactAttempted(Guid.CreateVersion7(), at, tenant, targetId, Guid.CreateVersion7(), caseId, "visit", "met", null);

        await system.Publish(contact);
        var line = await Eventually.Get(async () => (await coordinator.Timeline(caseId)).FirstOrDefault(e => e.Text("kind") == "outreach_contact_attempted"),
            EventTimeout, "the contact on the timeline");

        Assert.Equal("outreach", line.Text("source"));
        Assert.Equal("met", line.Text("detail"));
        Assert.Equal(targetId, line.Id("recordId"));
        var (supportCase, _) = await coordinator.ReadCase(caseId);
        Assert.True(Math.Abs((supportCase["lastActivityAt"]!.GetValue<DateTimeOffset>() - at).TotalMilliseconds) < 1);

        // The same event delivered again (a redelivery, or a re-publish after a crash) adds nothing.
        await system.Publish(contact);
        var marker = new OutreachTargetStageChanged(Guid.CreateVersion7(), at.AddSeconds(1), tenant, targetId, caseId, "contacting", "relationship", null);
        await system.Publish(marker);
        await Eventually.True(async () => (await coordinator.Timeline(caseId)).Any(e => e.Text("kind") == "outreach_stage_changed"),
            EventTimeout, "the later event");
        Assert.Equal(1, (await coordinator.Timeline(caseId)).Count(e => e.Text("kind") == "outreach_contact_attempted"));
    }

    [Fact]
    public async Task Every_kind_of_activity_from_every_service_lands_on_the_timeline()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var now = DateTimeOffset.UtcNow;
        IIntegrationEvent[] events =
        [
            new OutreachTargetOpened(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), "plan_action", Guid.CreateVersion7(), caseId, "aozasa", "high"),
            new OutreachContactAttempted(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), caseId, "phone", "absent", null),
            new OutreachTargetStageChanged(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, "identified", "contacting", null),
            new ParticipationRequestOpened(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, Guid.CreateVersion7()),
            new PlacementStageChanged(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), caseId, Guid.CreateVersion7(), "trial", "ended", "settled"),
            new PlacementCheckedIn(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, new DateOnly(2026, 11, 20), null),
            new GuardianshipMatterOpened(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, "curatorship", "mayor"),
            new GuardianshipStageChanged(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, "preparing", "petitioned", new DateOnly(2026, 11, 20)),
            new DailyLifeSupportContractChanged(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, "active", new DateOnly(2026, 11, 20)),
        ];

        await system.Publish(events);
        await Eventually.True(async () => (await coordinator.Timeline(caseId)).Count == events.Length + 1, EventTimeout, "every activity on the timeline");

        var lines = await coordinator.Timeline(caseId);
        Assert.Equal(
            ["daily_life_support_contract_changed", "guardianship_matter_opened", "guardianship_stage_changed", "opened", "outreach_contact_attempted",
             "outreach_stage_changed", "outreach_target_opened", "participation_request_opened", "placement_checked_in", "placement_stage_changed"],
            lines.Select(l => l.Text("kind")).Order(StringComparer.Ordinal));
        Assert.Equal("ended:settled", lines.Single(l => l.Text("kind") == "placement_stage_changed").Text("detail"));
        Assert.Equal("rights", lines.Single(l => l.Text("kind") == "guardianship_matter_opened").Text("source"));
        Assert.Equal("participation", lines.Single(l => l.Text("kind") == "placement_checked_in").Text("source"));
    }

    [Fact]
    public async Task Activity_for_another_tenants_case_or_for_no_case_is_not_shown()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var now = DateTimeOffset.UtcNow;

        await system.Publish(
            new OutreachContactAttempted(Guid.CreateVersion7(), now, Tenants.Fresh(), Guid.CreateVersion7(), Guid.CreateVersion7(), caseId, "visit", "met", null),
            new OutreachContactAttempted(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), null, "visit", "met", null),
            new OutreachContactAttempted(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "visit", "met", null),
            // Published last: once it shows, the ones before it have been handled.
            new PlacementCheckedIn(Guid.CreateVersion7(), now, tenant, Guid.CreateVersion7(), caseId, new DateOnly(2026, 11, 20), null));

        await Eventually.True(async () => (await coordinator.Timeline(caseId)).Any(e => e.Text("kind") == "placement_checked_in"),
            EventTimeout, "the check-in");
        Assert.DoesNotContain(await coordinator.Timeline(caseId), e => e.Text("kind") == "outreach_contact_attempted");
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM case_timeline WHERE kind = 'outreach_contact_attempted' AND case_id = $1", caseId));
    }

    [Fact]
    public async Task A_follow_up_at_Intake_on_a_referred_consultation_shows_on_its_case()
    {
        var tenant = Tenants.Fresh();
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var consultationId = await intakeWorker.ReferConsultation();
        var supportCase = await Eventually.Get(() => coordinator.FindCase(consultationId), EventTimeout, "the case");

        var followUp = await intakeWorker.PostAsJsonAsync($"/api/intake/consultations/{consultationId}/follow-ups", new { channel = "phone" });
        Assert.Equal(HttpStatusCode.Created, followUp.StatusCode);

        var line = await Eventually.Get(async () => (await coordinator.Timeline(supportCase.Id())).FirstOrDefault(e => e.Text("kind") == "consultation_followed_up"),
            EventTimeout, "the follow-up on the timeline");
        Assert.Equal("intake", line.Text("source"));
        Assert.Equal("phone", line.Text("detail"));
        Assert.Equal(consultationId, line.Id("recordId"));
        Assert.Contains(await coordinator.Timeline(supportCase.Id()), e => e.Text("kind") == "referred");
    }

    [Fact]
    public async Task Each_timeline_consumer_has_its_own_readable_queue_that_operators_see()
    {
        var response = await system.Gateway(Tenants.Fresh(), JusouRoles.Ops).GetAsync("/api/multiagency/ops/error-queues");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queues = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
            .Select(q => q!["queue"]!.GetValue<string>()).ToHashSet();
        foreach (var queue in new[]
                 {
                     "multiagency-consultation-referred", "multiagency-consultation-followed-up", "multiagency-outreach-target-opened",
                     "multiagency-outreach-contact-attempted", "multiagency-outreach-target-stage-changed", "multiagency-participation-request-opened",
                     "multiagency-placement-stage-changed", "multiagency-placement-checked-in", "multiagency-guardianship-matter-opened",
                     "multiagency-guardianship-stage-changed", "multiagency-daily-life-support-contract-changed",
                 })
        {
            Assert.Contains(queue, queues);
        }
    }

    [Fact]
    public async Task The_timeline_is_paged_newest_first_and_every_read_is_audited()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var path = $"{CaseClient.Cases}/{caseId}/involvements";
        for (var i = 0; i < 4; i++)
        {
            await (await coordinator.PostAsJsonAsync(path, new { organisationCode = $"org-{i}", role = "information" })).Expect(HttpStatusCode.Created);
        }

        var all = await coordinator.Timeline(caseId);
        Assert.Equal(5, all.Count);
        var times = all.Select(e => e["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("opened", all[^1].Text("kind"));

        var seen = new List<Guid>();
        string? token = null;
        do
        {
            var page = await (await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/timeline?pageSize=2{(token is null ? "" : $"&pageToken={token}")}"))
                .Expect(HttpStatusCode.OK);
            seen.AddRange(page.Items("items").Select(e => e.Id()));
            token = page["nextPageToken"]?.GetValue<string>();
        } while (token is not null);
        Assert.Equal(all.Select(e => e.Id()), seen);

        await (await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/timeline?pageToken=nonsense")).AssertProblem(HttpStatusCode.BadRequest, "pageToken");
        Assert.Equal(4, await system.AuditRows(tenant, caseId, "read", "case_timeline")); // one per page, plus the first full read
    }
}
