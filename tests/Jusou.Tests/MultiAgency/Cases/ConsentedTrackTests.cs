using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>
/// The consent rule on the real system: the consented track holds only with the person's recorded consent covering the
/// organisations the case is shared with (MultiAgency learns it from ConsentRecorded: ids and codes), a plan on the
/// 支援会議 track sends only what 法106条の6 allows, and every refusal is a 422 naming the rule, stores nothing and leaves
/// an audit row naming the rule.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsentedTrackTests(SystemFixture system)
{
    private static async Task<JsonObject> Refusal(HttpResponseMessage response)
    {
        var problem = await response.Expect((HttpStatusCode)422);
        Assert.Equal("consent_required", problem.Text("rule"));
        return problem;
    }

    private Task<long> DeniedAudits(string tenant, string action, string recordType) => Sql.Count(system, CaseClient.Database,
        "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND action = $2 AND record_type = $3 AND rule = 'consent_required'",
        tenant, action, recordType);

    [Fact]
    public async Task A_case_opened_on_the_consented_track_needs_a_person_who_consented()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var stranger = Guid.CreateVersion7();

        await Refusal(await coordinator.PostAsJsonAsync(CaseClient.Cases, new { track = "consented" }));
        await Refusal(await coordinator.PostAsJsonAsync(CaseClient.Cases, new { track = "consented", personId = stranger }));
        Assert.Equal(0, await system.Rows("support_cases", tenant));
        Assert.Equal(2, await DeniedAudits(tenant, "create_denied", "support_case"));

        var person = await system.ConsentingPerson(tenant);
        Assert.Equal("consented", (await coordinator.OpenCase("consented", person)).Text("track"));
    }

    [Fact]
    public async Task Moving_to_the_consented_track_needs_consent_covering_every_organisation_involved()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await intake.NewPersonId();
        var caseId = (await coordinator.OpenCase("support_meeting", person)).Id();
        foreach (var organisation in new[] { "tono-shakyo", "tono-houkatsu" })
        {
            await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = organisation, role = "collaborating" }))
                .Expect(HttpStatusCode.Created);
        }
        var path = $"{CaseClient.Cases}/{caseId}/track";

        // No consent at all, then one that names only 社協.
        var (_, etag) = await coordinator.ReadCase(caseId);
        await Refusal(await coordinator.Send(HttpMethod.Post, path, new { track = "consented", reason = "consent_obtained" }, etag));
        await system.Consent(tenant, person, "tono-shakyo");
        var problem = await Refusal(await coordinator.Send(HttpMethod.Post, path, new { track = "consented", reason = "consent_obtained" }, etag));
        Assert.Equal(["tono-houkatsu"], problem["organisationCodes"]!.AsArray().Select(o => o!.GetValue<string>()));
        var (unchanged, sameETag) = await coordinator.ReadCase(caseId);
        Assert.Equal(("support_meeting", etag), (unchanged.Text("track"), sameETag));
        Assert.Equal(0, await system.Events<SupportCaseTrackChanged>(caseId));
        Assert.Equal(2, await DeniedAudits(tenant, "change_track_denied", "support_case"));

        // A second consent covers 包括 too: consents add up.
        await system.Consent(tenant, person, "tono-houkatsu");
        var moved = await (await coordinator.Send(HttpMethod.Post, path, new { track = "consented", reason = "consent_obtained" }, etag)).Expect(HttpStatusCode.OK);
        Assert.Equal("consented", moved.Text("track"));
    }

    [Fact]
    public async Task On_the_consented_track_only_an_organisation_the_consent_names_can_be_involved()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var person = await system.ConsentingPerson(tenant, "tono-shakyo");
        var caseId = (await coordinator.OpenCase("consented", person)).Id();
        var involvements = $"{CaseClient.Cases}/{caseId}/involvements";

        await Refusal(await coordinator.PostAsJsonAsync(involvements, new { organisationCode = "tono-houkatsu", role = "collaborating" }));
        Assert.Empty((await coordinator.ReadCase(caseId)).Case.Items("involvements"));
        Assert.Equal(1, await DeniedAudits(tenant, "add_involvement_denied", "support_case"));
        await (await coordinator.PostAsJsonAsync(involvements, new { organisationCode = "tono-shakyo", role = "collaborating" })).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_plan_on_the_support_meeting_track_sends_only_outreach_and_a_refused_approval_stores_nothing()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        // Two actions: participation (refused without consent) and outreach (the 106条の6 exception reaches it).
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2, track: "support_meeting");

        var problem = await Refusal(await coordinator.Approve(caseId, planId, etag));
        Assert.Equal("participation", problem.Text("actionKind"));
        var (plan, planETag) = (await coordinator.GetAsync($"{CaseClient.Cases}/{caseId}/plans/{planId}")) is var read
            ? (await read.Expect(HttpStatusCode.OK), read.ETagOf()) : default;
        Assert.Equal(("draft", etag), (plan.Text("status"), planETag));
        Assert.Equal("planning", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        Assert.Equal(0, await system.Events<SupportPlanActionApproved>(caseId));
        Assert.Equal(1, await DeniedAudits(tenant, "approve_denied", "support_plan"));

        // Without the participation action the plan goes out.
        var actions = plan.Items("actions").Where(a => a.Text("kind") == "outreach").Select(a => new
        {
            kind = a.Text("kind"), organisationCode = a.Text("organisationCode"), actionId = a.Id("actionId"),
        }).ToArray();
        var replaced = await coordinator.Send(HttpMethod.Put, $"{CaseClient.Cases}/{caseId}/plans/{planId}", new
        {
            goals = new[] { new { text = "本人と会えるようになる" } }, actions, reviewOn = "2027-02-28",
        }, etag);
        await replaced.Expect(HttpStatusCode.OK);
        await (await coordinator.Approve(caseId, planId, replaced.ETagOf())).Expect(HttpStatusCode.OK);
        Assert.Equal(1, await system.Events<SupportPlanActionApproved>(caseId));
    }

    [Fact]
    public async Task A_plan_on_the_consented_track_needs_consent_naming_each_actions_organisation()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var person = await system.ConsentingPerson(tenant, "org-0");
        var (caseId, planId, etag) = await system.CaseWithDraft(tenant, actions: 2, personId: person);

        var problem = await Refusal(await coordinator.Approve(caseId, planId, etag));
        Assert.Equal(["org-1"], problem["organisationCodes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(0, await system.Events<SupportPlanApproved>(caseId));

        await system.Consent(tenant, person, "org-1");
        await (await coordinator.Approve(caseId, planId, etag)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Withdrawing_the_consent_that_named_an_involved_organisation_stops_sharing_though_another_remains()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await system.ConsentingPerson(tenant, "tono-houkatsu");
        var shakyoConsent = await system.Consent(tenant, person, "tono-shakyo");
        var caseId = (await coordinator.OpenCase("consented", person)).Id();
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = "tono-shakyo", role = "collaborating" }))
            .Expect(HttpStatusCode.Created);

        (await intake.PostAsync($"{IntakeClient.Persons}/{person}/consents/{shakyoConsent}/withdraw", null)).EnsureSuccessStatusCode();

        // Another consent is still in force, but it does not name 社協: the case stops being shared.
        var stopped = await Eventually.Get(async () =>
        {
            var (read, _) = await coordinator.ReadCase(caseId);
            return read.Text("track") == "support_meeting" ? read : null;
        }, TimeSpan.FromSeconds(30), "the case back on the 支援会議 track");
        Assert.Equal("consent_withdrawn", Assert.Single(stopped.Items("involvements")).Text("endReason"));
        Assert.Equal(1, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM watch_alerts WHERE case_id = $1 AND rule = 'consent_withdrawn'", caseId));
    }

    [Fact]
    public async Task A_disposition_Intake_refuses_names_the_rule_and_leaves_an_audit_row()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var consultation = (await intake.NewConsultation(new { channel = "counter" })).Id();

        var response = await intake.Dispose(consultation, new { disposition = "participation", sharingRule = "support_meeting" });

        var problem = await Refusal(response);
        Assert.Equal("participation", problem.Text("disposition"));
        Assert.Equal(1, await Sql.Count(system, "intakedb",
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND action = 'refer_denied' AND record_id = $2 AND rule = 'consent_required'",
            tenant, consultation));
        Assert.Equal(0, await system.EventsAbout(consultation));
    }
}
