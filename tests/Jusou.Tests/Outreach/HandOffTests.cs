using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.Outreach;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>つなぎ: hand-offs to Intake (one consultation, however often the event arrives) and to the MultiAgency case.</summary>
[Collection(SystemCollection.Name)]
public sealed class HandOffTests(SystemFixture system)
{
    private static readonly object Consented = new
    {
        destination = "intake", consentRecorded = true, consentMethod = "signed_form",
        consentGivenOn = OutreachClient.TodayInJapan, mainConcern = "8050",
    };

    private static Task<long> IntakeConsultationsFor(SystemFixture system, Guid targetId) =>
        Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE source = 'outreach' AND source_id = $1", targetId);

    private async Task<(HttpClient Worker, Guid TargetId)> MetTarget(string tenant)
    {
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId(OutreachClient.TargetBody(district: "aozasa"));
        await (await worker.RecordContact(id, new { method = "visit", outcome = "met" })).CreatedObject();
        await (await worker.MoveTo(id, "relationship")).OkObject();
        return (worker, id);
    }

    [Fact]
    public async Task A_hand_off_creates_the_Intake_consultation_exactly_once_even_if_delivered_twice()
    {
        var tenant = Tenants.Fresh();
        var (worker, id) = await MetTarget(tenant);

        var response = await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{id}/hand-offs", Consented);
        var handOff = await response.CreatedObject();
        Assert.Equal("intake", handOff.Text("destination"));
        Assert.Equal("signed_form", handOff.Text("consentMethod"));
        Assert.Equal("connecting", (await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject()).Text("stage"));

        await Eventually.True(async () => await IntakeConsultationsFor(system, id) == 1, TimeSpan.FromSeconds(30), "the Intake consultation");
        var consultation = (await (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync(IntakeClient.Consultations)).OkObject()).Items().Single();
        Assert.Equal("with_consent", consultation.Text("consentPath"));
        Assert.Equal("8050", consultation.Text("mainConcern"));
        Assert.Equal("aozasa", consultation.Text("districtCode"));

        // The very same event again (a redelivery), and a second event about the same target.
        var payload = Assert.Single(await system.EventPayloads(tenant, "OutreachHandedOff"));
        var sent = payload.Deserialize<OutreachHandedOff>()!;
        Assert.Equal(id, sent.TargetId);
        Assert.True(sent.ConsentRecorded);
        var another = sent with { EventId = Guid.CreateVersion7(), OccurredAt = DateTimeOffset.UtcNow };
        await system.Publish(sent, another);

        await system.Handled("intakedb", "OutreachHandedOffConsumer", another.EventId);
        Assert.Equal(1, await IntakeConsultationsFor(system, id));
        Assert.Equal(1, await IntakeClient.Rows(system, "consultations", tenant));
    }

    [Fact]
    public async Task A_hand_off_without_consent_is_refused_and_nothing_is_stored_or_sent()
    {
        var tenant = Tenants.Fresh();
        var (worker, id) = await MetTarget(tenant);

        var refused = await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{id}/hand-offs", new { destination = "intake", consentRecorded = false });

        await refused.AssertProblem((HttpStatusCode)422);
        Assert.Equal(0, await system.Rows("hand_offs", tenant));
        Assert.Equal(0, await system.Events(tenant, "OutreachHandedOff"));
        Assert.Equal("relationship", (await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject()).Text("stage"));
    }

    public static TheoryData<string, string> InvalidHandOffs => new()
    {
        { """{"consentRecorded":true,"consentMethod":"verbal","consentGivenOn":"2026-01-01"}""", "destination" },
        { """{"destination":"hospital","consentRecorded":true,"consentMethod":"verbal","consentGivenOn":"2026-01-01"}""", "destination" },
        { """{"destination":"intake","consentRecorded":true,"consentGivenOn":"2026-01-01"}""", "consentMethod" },
        { """{"destination":"intake","consentRecorded":true,"consentMethod":"verbal"}""", "consentGivenOn" },
        { """{"destination":"intake","consentRecorded":true,"consentMethod":"telepathy","consentGivenOn":"2026-01-01"}""", "consentMethod" },
        { """{"destination":"intake","consentRecorded":true,"consentMethod":"verbal","consentGivenOn":"2999-01-01"}""", "consentGivenOn" },
        { """{"destination":"intake","consentRecorded":true,"consentMethod":"verbal","consentGivenOn":"2026-01-01","mainConcern":"x"}""", "mainConcern" },
    };

    [Theory]
    [MemberData(nameof(InvalidHandOffs))]
    public async Task Invalid_hand_offs_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var (worker, id) = await MetTarget(tenant);

        var response = await worker.PostAsync($"{OutreachClient.Targets}/{id}/hand-offs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("hand_offs", tenant));
        Assert.Equal(0, await system.Events(tenant, "OutreachHandedOff"));
    }

    [Fact]
    public async Task A_person_not_yet_met_cannot_be_handed_off_twice_to_the_same_place_nor_by_other_roles_or_tenants()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var notMet = await worker.NewTargetId();
        await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{notMet}/hand-offs", Consented)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(0, await system.Rows("hand_offs", tenant));

        var (_, met) = await MetTarget(tenant);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Coordinator).PostAsJsonAsync($"{OutreachClient.Targets}/{met}/hand-offs", Consented)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Worker(Tenants.Fresh()).PostAsJsonAsync($"{OutreachClient.Targets}/{met}/hand-offs", Consented)).StatusCode);
        Assert.Equal(0, await system.Rows("hand_offs", tenant));

        await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{met}/hand-offs", Consented)).CreatedObject();
        await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{met}/hand-offs", Consented)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(1, await system.Rows("hand_offs", tenant));
        Assert.Equal(1, await system.Events(tenant, "OutreachHandedOff"));
        Assert.Single((await (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync($"{OutreachClient.Targets}/{met}/hand-offs")).OkObject()).Items());

        // A direct target has no support case to report to.
        await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{met}/hand-offs", new
        {
            destination = "multi_agency", consentRecorded = true, consentMethod = "verbal", consentGivenOn = OutreachClient.TodayInJapan,
        })).AssertProblem((HttpStatusCode)422);
    }

    [Fact]
    public async Task A_plan_action_target_is_reported_back_to_its_case_and_stays_in_continuous_watching_after_support_ends()
    {
        var tenant = Tenants.Fresh();
        var caseId = Guid.CreateVersion7();
        var action = new SupportPlanActionApproved(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, Guid.CreateVersion7(),
            Guid.CreateVersion7(), "outreach", "tono-outreach", null, null, "aozasa", ["social_isolation"], "consent");
        await system.Publish(action);
        var worker = system.Worker(tenant);
        var id = (await worker.TargetFrom("plan_action", action.ActionId)).Id();
        await (await worker.RecordContact(id, new { method = "via_family", outcome = "met" })).CreatedObject();
        await (await worker.MoveTo(id, "relationship")).OkObject();

        await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{id}/hand-offs", new
        {
            destination = "multi_agency", consentRecorded = true, consentMethod = "verbal", consentGivenOn = OutreachClient.TodayInJapan,
        })).CreatedObject();

        var reported = Assert.Single(await system.EventPayloads(tenant, "OutreachReportedToSupportCase"));
        Assert.Equal(caseId, reported.Id("SupportCaseId"));
        Assert.Equal(id, reported.Id("TargetId"));
        var stageChanges = await system.EventPayloads(tenant, "OutreachTargetStageChanged");
        Assert.Contains(stageChanges, c => c.Text("Stage") == "connecting" && c.Id("SupportCaseId") == caseId);
        Assert.Equal(0, await system.Events(tenant, "OutreachHandedOff"));

        // The case closes and its other support ends; the target is not closed with it but moves to 継続的見守り with a
        // contact due on the day, so nobody forgets the person (制度切れ safety net).
        var caseClosed = new SupportCaseClosed(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, caseId, "goal_achieved", null);
        await system.Publish(caseClosed, caseClosed);
        await system.Handled("outreachdb", "SupportCaseClosedConsumer", caseClosed.EventId);
        var watching = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject();
        Assert.Equal("watching", watching.Text("stage"));
        Assert.NotNull(watching["supportCaseClosedAt"]);
        Assert.Null(watching["closedAt"]);
        Assert.Equal(OutreachClient.TodayInJapan, watching.Date("nextContactOn"));
        var changes = await system.EventPayloads(tenant, "OutreachTargetStageChanged");
        Assert.Equal(("connecting", "watching"), (changes[^1].Text("FromStage"), changes[^1].Text("Stage")));
        Assert.Single(changes, c => c.Text("Stage") == "watching");

        // Outreach keeps a light touch with a planned call.
        await (await worker.RecordContact(id, new { method = "phone", outcome = "spoke", nextContactOn = OutreachClient.TodayInJapan.AddMonths(1) })).CreatedObject();
        var target = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject();
        Assert.Equal("watching", target.Text("stage"));
        Assert.Null(target["closedAt"]);
    }
}
