using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.EndToEnd;

/// <summary>
/// Flows across services with nothing faked: each event is produced by the real service that owns it, crosses the
/// outbox, RabbitMQ and the receiving inbox, and is checked through the gateway (or the receiving database).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CrossServiceFlowTests(SystemFixture system)
{
    [Fact]
    public async Task A_concern_report_opens_an_outreach_target_and_the_reporter_sees_only_that_it_was_received()
    {
        var tenant = Tenants.Fresh();
        var reporter = system.Gateway(tenant, JusouRoles.CommunityStaff, subject: "minsei-iin-1");
        var outreachWorker = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-worker-1");
        await (await reporter.PostAsJsonAsync("/api/community/areas", new { code = "city", name = "市全域", level = "city" })).Expect(HttpStatusCode.Created);
        await (await reporter.PostAsJsonAsync("/api/community/areas", new { code = "east", name = "東部圏域", level = "daily_life_area", parentCode = "city" }))
            .Expect(HttpStatusCode.Created);
        await (await reporter.PostAsJsonAsync("/api/community/areas", new { code = "aozasa", name = "青笹地区", level = "district", parentCode = "east" }))
            .Expect(HttpStatusCode.Created);

        var report = await (await reporter.PostAsJsonAsync("/api/community/concern-reports", new
        {
            reporterKind = "minsei_iin",
            concernCodes = new[] { "social_isolation", "8050" },
            riskLevel = "high",
            districtCode = "aozasa",
            personDescription = "青笹町の山田さん宅(80代の母と50代の息子)",
            details = "最近、息子さんの姿を見かけない。新聞が溜まっている。",
        })).Expect(HttpStatusCode.Created);
        var reportId = report.Id();
        Assert.Equal("submitted", report.Text("status"));

        // CommunityResources → ConcernReported → Outreach opens a target for the report.
        var target = await outreachWorker.OutreachTargetFrom("concern_report", reportId);
        Assert.Equal("concern_report", target.Text("source"));
        Assert.Equal("minsei_iin", target.Text("raisedBy"));
        Assert.Equal("aozasa", target.Text("districtCode"));
        Assert.Equal("high", target.Text("riskLevel"));
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1", tenant));

        // Outreach → OutreachTargetOpened → the reporter's status says 受理, with no details.
        var statusPath = $"/api/community/concern-reports/{reportId}/status";
        var status = await Eventually.Get(async () => await reporter.Read(statusPath) is var read && read.Text("status") == "received_by_outreach" ? read : null,
            EndToEndClient.Hop, "the report to show received by outreach");
        Assert.Equal(["id", "receivedByOutreachAt", "reportedAt", "status"], status.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, await Sql.Count(system, "communitydb", "SELECT count(*) FROM concern_reports WHERE id = $1 AND outreach_target_id = $2",
            reportId, target.Id()));
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/api/community/concern-reports/{reportId}")).StatusCode);
        // The outreach worker, who must find the person, reads the details.
        Assert.Equal("最近、息子さんの姿を見かけない。新聞が溜まっている。",
            (await outreachWorker.Read($"/api/community/concern-reports/{reportId}")).Text("details"));
    }

    [Fact]
    public async Task A_plan_approved_at_a_meeting_opens_an_outreach_target_and_a_rights_matter_that_report_back_to_the_case_timeline()
    {
        var tenant = await system.FreshTenantWith("city-welfare", "shakyo", "guardianship-centre");
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "intake-worker-1");
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coordinator-1", organisation: "city-welfare");
        var outreachWorker = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-worker-1");
        var rightsStaff = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "centre-staff-1", organisation: "guardianship-centre");

        // Intake → ConsultationReferred (with consent) → MultiAgency opens the case on the consented track.
        var consultationId = await intakeWorker.ReferConsultation(sharingRule: "consent");
        var supportCase = await Eventually.Get(() => coordinator.FindCase(consultationId), EndToEndClient.Hop, "the support case");
        var caseId = supportCase.Id();
        Assert.Equal("consented", supportCase.Text("track"));

        await coordinator.MoveCase(caseId, "assessment");
        await (await coordinator.PutAsJsonAsync($"/api/multiagency/cases/{caseId}/assessment", new
        {
            assessedOn = "2026-11-02",
            areas = new[]
            {
                new { area = "social_participation", severity = "medium", finding = "長男が長年ひきこもり" },
                new { area = "rights", severity = "medium", finding = "父の金銭管理に不安" },
            },
        })).Expect(HttpStatusCode.Created);
        await coordinator.MoveCase(caseId, "planning");
        var drafted = await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/plans", new
        {
            goals = new[] { new { text = "長男が社会とのつながりを取り戻す", term = "long_term" } },
            actions = new[]
            {
                new { kind = "participation", organisationCode = "shakyo", description = "居場所体験", needCodes = new[] { "social_isolation" } },
                new { kind = "outreach", organisationCode = "shakyo", description = "長男への訪問を月2回", needCodes = new[] { "social_isolation" } },
                new { kind = "rights", organisationCode = "guardianship-centre", description = "父の金銭管理の支援を検討", needCodes = new[] { "rights_capacity" } },
            },
            reviewOn = "2027-02-28",
        });
        var planId = (await drafted.Expect(HttpStatusCode.Created)).Id();
        var meetingId = (await (await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = "2026-11-05",
            type = "participation_outreach_plan_meeting",
            attendees = new[] { new { organisationCode = "city-welfare", role = "coordinator" }, new { organisationCode = "shakyo", role = "agency_worker" } },
            items = new[] { new { caseId, decision = "to_participation" } },
        })).Expect(HttpStatusCode.Created)).Id();
        var plan = await (await coordinator.SendIfMatch(HttpMethod.Post, $"/api/multiagency/cases/{caseId}/plans/{planId}/approval",
            new { meetingId, approvedOn = "2026-11-05" }, $"/api/multiagency/cases/{caseId}/plans/{planId}")).Expect(HttpStatusCode.OK);
        Assert.Equal("approved", plan.Text("status"));
        var actions = plan.Items("actions").ToDictionary(a => a.Text("kind"), a => a.Id("actionId"));

        // MultiAgency → SupportPlanActionApproved → Outreach opens a target for the outreach action, tied to the case …
        var target = await outreachWorker.OutreachTargetFrom("plan_action", actions["outreach"]);
        Assert.Equal(caseId, target.Id("supportCaseId"));
        // … and RightsAdvocacy a matter at 相談 for the rights action.
        var matter = Assert.Single(await rightsStaff.RightsMattersOf(caseId));
        Assert.Equal("plan_action", matter.Text("source"));
        Assert.Equal(actions["rights"], matter.Id("sourceId"));

        // Outreach and RightsAdvocacy → their "opened" events → the case timeline shows both.
        await Eventually.True(async () => await coordinator.TimelineKinds(caseId) is var kinds
                && kinds.Contains("outreach_target_opened") && kinds.Contains("guardianship_matter_opened"),
            EndToEndClient.Hop, "the target and the matter on the case timeline");
        var lines = await coordinator.TimelineKinds(caseId);
        Assert.Equal(1, lines.Count(k => k == "outreach_target_opened"));
        Assert.Equal(1, lines.Count(k => k == "guardianship_matter_opened"));

        // The participation and rights actions are not Outreach's: one target only, from the outreach action.
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1", tenant));
        Assert.Equal(1, await Sql.Count(system, "rightsdb", "SELECT count(*) FROM guardianship_matters WHERE tenant_code = $1", tenant));
    }

    [Fact]
    public async Task An_outreach_hand_off_with_consent_becomes_exactly_one_intake_consultation()
    {
        var tenant = Tenants.Fresh();
        var outreachWorker = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-worker-1");
        var intakeWorker = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "intake-worker-1");
        var target = await (await outreachWorker.PostAsJsonAsync("/api/outreach/targets", new
        {
            riskLevel = "medium", raisedBy = "minsei_iin", reason = "40代の息子が長年外出していない様子",
            concernCodes = new[] { "8050", "social_isolation" }, name = "遠野 一郎", districtCode = "aozasa", assignedWorker = "outreach-worker-1",
        })).Expect(HttpStatusCode.Created);
        var targetId = target.Id();
        var targetPath = $"/api/outreach/targets/{targetId}";
        await (await outreachWorker.PostAsJsonAsync($"{targetPath}/contacts", new { method = "visit", outcome = "met" })).Expect(HttpStatusCode.Created);
        await (await outreachWorker.SendIfMatch(HttpMethod.Put, $"{targetPath}/stage", new { stage = "relationship" }, targetPath)).Expect(HttpStatusCode.OK);

        await (await outreachWorker.PostAsJsonAsync($"{targetPath}/hand-offs", new
        {
            destination = "intake", consentRecorded = true, consentMethod = "signed_form",
            consentGivenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), mainConcern = "8050",
        })).Expect(HttpStatusCode.Created);

        // Outreach → OutreachHandedOff → Intake records the consultation with source outreach.
        var consultation = await Eventually.Get(async () => (await intakeWorker.Read("/api/intake/consultations")).Items().FirstOrDefault(),
            EndToEndClient.Hop, "the Intake consultation");
        Assert.Equal("with_consent", consultation.Text("consentPath"));
        Assert.Equal("8050", consultation.Text("mainConcern"));
        Assert.Equal(1, await Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE source = 'outreach' AND source_id = $1", targetId));
        Assert.Equal(1, await Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE tenant_code = $1", tenant));
        Assert.Equal("connecting", (await outreachWorker.Read(targetPath)).Text("stage"));
    }
}
