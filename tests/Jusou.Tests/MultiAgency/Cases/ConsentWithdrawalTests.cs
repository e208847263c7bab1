using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>
/// A withdrawn consent stops the sharing it allowed: Intake publishes the withdrawal (ids only), and MultiAgency moves
/// the person's consented cases back to the 支援会議 track, ends every organisation's involvement and alerts the coordinator.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsentWithdrawalTests(SystemFixture system)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Withdrawing_the_only_consent_stops_sharing_the_persons_cases()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var person = await intake.NewPersonId();
        var consent = await system.Consent(tenant, person, "tono-shakyo");
        var shared = (await coordinator.OpenCase("consented", person)).Id();
        var meetingOnly = (await coordinator.OpenCase("support_meeting", person)).Id();
        var someoneElses = (await coordinator.OpenCase("consented", await system.ConsentingPerson(tenant, "tono-shakyo"))).Id();
        foreach (var caseId in new[] { shared, someoneElses })
        {
            await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = "tono-shakyo", role = "collaborating" }))
                .Expect(HttpStatusCode.Created);
        }
        var shakyo = system.Agency(tenant, "tono-shakyo");
        Assert.Equal(HttpStatusCode.OK, (await shakyo.GetAsync($"{CaseClient.Cases}/{shared}")).StatusCode);

        (await intake.PostAsync($"{IntakeClient.Persons}/{person}/consents/{consent}/withdraw", null)).EnsureSuccessStatusCode();
        Assert.False(Assert.Single(await Events.Published<ConsentWithdrawn>(system, "intakedb", e => e.ConsentId == consent)).StillConsented);

        var withdrawn = await Eventually.Get(async () =>
        {
            var (read, _) = await coordinator.ReadCase(shared);
            return read.Text("track") == "support_meeting" ? read : null;
        }, Timeout, "the case back on the 支援会議 track");
        var change = withdrawn.Items("trackHistory").Last();
        Assert.Equal(("consented", "consent_withdrawn"), (change.Text("fromTrack"), change.Text("reason")));
        var involvement = Assert.Single(withdrawn.Items("involvements"));
        Assert.Equal("consent_withdrawn", involvement.Text("endReason"));
        Assert.Equal(HttpStatusCode.NotFound, (await shakyo.GetAsync($"{CaseClient.Cases}/{shared}")).StatusCode);
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM watch_alerts WHERE case_id = $1 AND rule = 'consent_withdrawn' AND status = 'open'", shared));
        Assert.Equal(1, await system.Events<SupportCaseTrackChanged>(shared));
        Assert.Contains(await coordinator.Timeline(shared), line => line.Text("kind") == "track_changed");

        // The person's case that was never shared on consent, and another person's case, are untouched.
        Assert.Empty((await coordinator.ReadCase(meetingOnly)).Case.Items("trackHistory"));
        var other = (await coordinator.ReadCase(someoneElses)).Case;
        Assert.Equal("consented", other.Text("track"));
        Assert.Equal(HttpStatusCode.OK, (await shakyo.GetAsync($"{CaseClient.Cases}/{someoneElses}")).StatusCode);
    }

    [Fact]
    public async Task A_consent_still_in_force_keeps_the_case_shared()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var person = await intake.NewPersonId();
        var first = await system.Consent(tenant, person, "tono-shakyo");
        await system.Consent(tenant, person, "tono-shakyo", "tono-houkatsu");
        var caseId = (await coordinator.OpenCase("consented", person)).Id();

        (await intake.PostAsync($"{IntakeClient.Persons}/{person}/consents/{first}/withdraw", null)).EnsureSuccessStatusCode();

        // Once MultiAgency has handled the withdrawal (its inbox holds the event's id), the case is as it was.
        // The outbox row's id is the event's id (and the bus MessageId the inbox records).
        var messageId = await Eventually.Get(async () => (await Events.Published<ConsentWithdrawn>(system, "intakedb",
            e => e.ConsentId == first && e.StillConsented)).SingleOrDefault()?.EventId.ToString(), Timeout, "the withdrawal published");
        await Eventually.True(async () => await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM inbox_messages WHERE consumer = 'ConsentWithdrawnConsumer' AND message_id = $1::uuid", messageId) == 1,
            Timeout, "the withdrawal handled");
        var (read, _) = await coordinator.ReadCase(caseId);
        Assert.Equal("consented", read.Text("track"));
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM watch_alerts WHERE case_id = $1", caseId));
    }
}
