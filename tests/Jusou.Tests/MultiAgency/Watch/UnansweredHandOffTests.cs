using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.MultiAgency.Cases;
using IntakeClient = Jusou.Tests.Intake.IntakeClient;

namespace Jusou.Tests.MultiAgency.Watch;

/// <summary>
/// Hand-offs nobody answers raise a watch alert after the tenant's unansweredDays, once: a plan action still sent (an
/// action of kind other its organisation has not answered; a participation, outreach or rights action the receiving
/// service has not reported opening), and an Intake referral still requested, on its person's open case.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class UnansweredHandOffTests(SystemFixture system)
{
    private static async Task SaveUnansweredDays(HttpClient coordinator, int days)
    {
        var current = await coordinator.GetAsync("/api/multiagency/watch/rules");
        var saved = await coordinator.Send(HttpMethod.Put, "/api/multiagency/watch/rules",
            new { ageThresholds = new[] { 18, 40, 65 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30, unansweredDays = days },
            current.Headers.ETag!.ToString());
        var body = await saved.Content.ReadAsStringAsync();
        Assert.True(saved.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(days, JsonNode.Parse(body)!["unansweredDays"]!.GetValue<int>());
    }

    private static async Task<int> Raised(HttpClient coordinator, string rule) => (await coordinator.Scan(rule))[rule switch
    {
        "action_unanswered" => "actionUnanswered",
        _ => "referralUnanswered",
    }]!.GetValue<int>();

    [Fact]
    public async Task A_plan_action_unanswered_after_the_tenants_days_raises_one_alert_and_not_before()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        await SaveUnansweredDays(coordinator, 20);
        // participation, outreach, rights and other, to org-0 … org-3.
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 4);
        await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);

        // The three services answer their actions by opening their records; the other action waits for org-3.
        await Eventually.True(async () => await Sql.Count(system, CaseClient.Database,
                "SELECT count(*) FROM action_tasks WHERE case_id = $1 AND status = 'accepted' AND accepted_by IN ('participation', 'outreach', 'rights') AND kind = accepted_by",
                caseId) == 3,
            WatchClient.EventTimeout, "Participation, Outreach and RightsAdvocacy to answer their actions");
        Assert.Equal(0, await Raised(coordinator, "action_unanswered"));

        await Sql.Execute(system, CaseClient.Database, "UPDATE action_tasks SET sent_at = sent_at - interval '19 days' WHERE case_id = $1", caseId);
        Assert.Equal(0, await Raised(coordinator, "action_unanswered")); // not before the tenant's 20 days

        await Sql.Execute(system, CaseClient.Database, "UPDATE action_tasks SET sent_at = sent_at - interval '2 days' WHERE case_id = $1", caseId);
        Assert.Equal(1, await Raised(coordinator, "action_unanswered"));
        Assert.Equal(0, await Raised(coordinator, "action_unanswered"));
        var alert = Assert.Single(await coordinator.AlertList($"caseId={caseId}&rule=action_unanswered&mine=false"));
        Assert.Equal("open", alert["status"]!.GetValue<string>());
        Assert.Equal(1, await system.RaisedEvents(caseId));

        // A late answer moves the task on and leaves the alert for the coordinator to dismiss; nothing is raised again.
        var org3 = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "staff-3", organisation: "org-3");
        var task = (await (await org3.GetAsync("/api/multiagency/tasks?status=sent")).Expect(HttpStatusCode.OK)).Items("items").Single();
        await (await org3.PostAsync($"/api/multiagency/tasks/{task.Id()}/acceptance", null)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, await Raised(coordinator, "action_unanswered"));
        Assert.Equal(1, await system.Alerts(caseId, "action_unanswered"));
        Assert.Equal("open", Assert.Single(await coordinator.AlertList($"caseId={caseId}&rule=action_unanswered&mine=false"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_intake_referral_still_requested_after_the_days_raises_one_alert_on_the_persons_open_case()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "intake-1", organisation: "city-welfare");
        var coordinator = system.Coordinator(tenant);
        var person = await IntakeClient.NewPersonId(intake);
        await IntakeClient.RecordConsent(intake, person, ["tono-shakyo", "tono-kaigo"], "referral");
        await system.Consent(tenant, person, "tono-shakyo", "tono-kaigo");
        var caseId = (await coordinator.OpenCase("consented", person)).Id();
        var someoneElses = (await coordinator.OpenCase("consented", await system.ConsentingPerson(tenant))).Id();
        foreach (var organisation in new[] { "tono-shakyo", "tono-kaigo" })
        {
            await IntakeClient.NewConsultation(intake, new
            {
                channel = "counter", personId = person, disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = organisation,
            });
        }
        var referrals = (await (await intake.GetAsync("/api/intake/referrals")).Expect(HttpStatusCode.OK)).Items("items");
        var toShakyo = referrals.Single(r => r.Text("organisationCode") == "tono-shakyo").Id();
        var toKaigo = referrals.Single(r => r.Text("organisationCode") == "tono-kaigo").Id();
        // The care centre answers in time; 社協 does not.
        await (await IntakeClient.Agency(system, tenant, "tono-kaigo").PostAsJsonAsync($"/api/intake/referrals/{toKaigo}/status", new { status = "accepted" }))
            .Expect(HttpStatusCode.OK);
        await Eventually.True(async () => await Sql.Count(system, CaseClient.Database,
                "SELECT count(*) FROM agency_referrals WHERE tenant_code = $1 AND person_id = $2 AND sent_at IS NOT NULL AND status = CASE WHEN id = $3 THEN 'accepted' ELSE 'requested' END",
                tenant, person, toKaigo) == 2,
            WatchClient.EventTimeout, "MultiAgency to learn of both referrals and the answer");
        Assert.Equal(0, await Raised(coordinator, "referral_unanswered"));

        await Sql.Execute(system, CaseClient.Database, "UPDATE agency_referrals SET sent_at = sent_at - interval '13 days' WHERE tenant_code = $1", tenant);
        Assert.Equal(0, await Raised(coordinator, "referral_unanswered")); // the default is 14 days

        await Sql.Execute(system, CaseClient.Database, "UPDATE agency_referrals SET sent_at = sent_at - interval '2 days' WHERE tenant_code = $1", tenant);
        Assert.Equal(1, await Raised(coordinator, "referral_unanswered"));
        Assert.Equal(0, await Raised(coordinator, "referral_unanswered"));
        var alert = Assert.Single(await coordinator.AlertList("rule=referral_unanswered&mine=false"));
        Assert.Equal((caseId, $"{toShakyo:N}"), (alert.Id("caseId"), alert.Text("key")));
        Assert.Equal(0, await system.Alerts(someoneElses));

        // 社協 answers late: MultiAgency learns it, the alert stays for the coordinator, nothing new is raised.
        await (await IntakeClient.Agency(system, tenant, "tono-shakyo").PostAsJsonAsync($"/api/intake/referrals/{toShakyo}/status", new { status = "accepted" }))
            .Expect(HttpStatusCode.OK);
        await Eventually.True(async () => await Sql.Count(system, CaseClient.Database,
                "SELECT count(*) FROM agency_referrals WHERE id = $1 AND status = 'accepted'", toShakyo) == 1,
            WatchClient.EventTimeout, "MultiAgency to learn of the late answer");
        Assert.Equal(0, await Raised(coordinator, "referral_unanswered"));
        Assert.Equal(1, await system.Alerts(caseId, "referral_unanswered"));
    }
}
