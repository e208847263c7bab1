using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Jusou.Tests.MultiAgency.Meetings;

namespace Jusou.Tests.EndToEnd;

/// <summary>
/// A person is one person everywhere: Intake's links (an anonymous consultation linked to a person later) and reviewed
/// merges reach every service that keeps person ids, whatever the order they arrive in and however often.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PersonIdentityTests(SystemFixture system)
{
    private static readonly TimeSpan Hop = EndToEndClient.Hop;

    [Fact]
    public async Task A_consultation_linked_after_its_case_opened_makes_the_case_the_persons_with_a_timeline_line_and_the_age_alert()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var consultationId = await intake.ReferConsultation(); // 支援会議: anonymous
        var caseId = (await Eventually.Get(() => coordinator.FindCase(consultationId), Hop, "the support case")).Id();
        Assert.Null((await coordinator.Read($"/api/multiagency/cases/{caseId}"))["personId"]);
        // Reaches 65 (障害福祉 → 介護保険) in 30 days: inside the default 90-day window of the 制度切れ watch.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var person = await intake.CreatePerson("遠野 一郎", "トオノ イチロウ", today.AddDays(31).AddYears(-65));

        await (await intake.SendIfMatch(HttpMethod.Patch, $"/api/intake/consultations/{consultationId}", new { personId = person },
            $"/api/intake/consultations/{consultationId}")).Expect(HttpStatusCode.OK);

        await Eventually.True(async () => (await coordinator.Read($"/api/multiagency/cases/{caseId}"))["personId"]?.GetValue<Guid>() == person,
            Hop, "the case naming the linked person");
        Assert.Equal(1, (await coordinator.TimelineKinds(caseId)).Count(k => k == "person_linked"));
        Assert.Equal(1, await system.Events(tenant, nameof(ConsultationLinkedToPerson)));
        var alert = await Eventually.Get(async () => (await coordinator.Read($"/api/multiagency/alerts?caseId={caseId}&mine=false&rule=age_threshold"))
            .Items().FirstOrDefault(), Hop, "the age alert of the late-linked person");
        Assert.StartsWith("65:", alert.Text("key"));

        // The same link delivered again — the same message, and an equal one under a new id — changes nothing more.
        var again = new ConsultationLinkedToPerson(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, consultationId, person);
        await system.Publish(again, again);
        await Eventually.True(async () => await Handled("multiagencydb", again.EventId), Hop, "the repeated link handled");
        Assert.Equal(1, (await coordinator.TimelineKinds(caseId)).Count(k => k == "person_linked"));
        Assert.Equal(person, (await coordinator.Read($"/api/multiagency/cases/{caseId}")).Id("personId"));
    }

    [Fact]
    public async Task What_a_meeting_opened_for_an_anonymous_case_becomes_the_persons_when_the_case_is_linked_later()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var consultationId = await intake.ReferConsultation(); // 支援会議: anonymous
        var caseId = (await Eventually.Get(() => coordinator.FindCase(consultationId), Hop, "the support case")).Id();
        // The 支援会議 sends the case to アウトリーチ (法106条の6): Outreach opens a target for the case, still anonymous.
        var meeting = await (await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = "2021-05-20", type = "support_meeting",
            attendees = new object[] { new { organisationCode = MeetingClient.Secretariat, role = "secretariat" } },
            items = new object[] { new { caseId, decision = "to_outreach" } },
        })).Expect(HttpStatusCode.Created);
        var decisionId = Assert.Single(meeting.Items()).Id("decisionId");
        Assert.Equal(Guid.Empty, await PersonOf("outreachdb", "targets", "source_id", tenant, decisionId));
        var person = await intake.CreatePerson("遠野 次郎", "トオノ ジロウ");

        await (await intake.SendIfMatch(HttpMethod.Patch, $"/api/intake/consultations/{consultationId}", new { personId = person },
            $"/api/intake/consultations/{consultationId}")).Expect(HttpStatusCode.OK);

        // MultiAgency re-points the case and says so (SupportCaseLinkedToPerson); Outreach follows by the target's case.
        await Eventually.True(async () => await PersonOf("outreachdb", "targets", "source_id", tenant, decisionId) == person,
            Hop, "the target naming the person the case was linked to");
        Assert.Equal(person, Assert.Single(await Events.Published<SupportCaseLinkedToPerson>(system, "multiagencydb", e => e.CaseId == caseId)).PersonId);
    }

    [Fact]
    public async Task A_link_that_arrives_before_the_records_still_gives_each_service_its_person()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var consultationId = Guid.CreateVersion7();
        var person = Guid.CreateVersion7();
        var link = new ConsultationLinkedToPerson(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, consultationId, person);
        await system.Publish(link);
        foreach (var database in Databases) await Eventually.True(() => Handled(database, link.EventId), Hop, $"the link learnt in {database}");

        var now = DateTimeOffset.UtcNow;
        await system.Publish(
            new ConsultationReferred(Guid.CreateVersion7(), now, tenant, consultationId, null, "8050", "support_meeting"),
            new ConsultationReferredToOutreach(Guid.CreateVersion7(), now, tenant, consultationId, null, null, "8050", "support_meeting"),
            new ConsultationReferredToParticipation(Guid.CreateVersion7(), now, tenant, consultationId, null, null, "8050", "consent"),
            new ConsultationReferredToRightsAdvocacy(Guid.CreateVersion7(), now, tenant, consultationId, null, "8050", "consent"));

        Assert.Equal(person, await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, consultationId));
        Assert.Equal(person, await PersonOf("outreachdb", "targets", "source_id", tenant, consultationId));
        Assert.Equal(person, await PersonOf("participationdb", "participation_requests", "source_id", tenant, consultationId));
        Assert.Equal(person, await PersonOf("rightsdb", "guardianship_matters", "source_id", tenant, consultationId));
    }

    [Fact]
    public async Task An_outreach_target_handed_on_to_Intake_is_the_person_its_consultation_is_linked_to()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var worker = Outreach.OutreachClient.Worker(system, tenant);
        var targetId = await Outreach.OutreachClient.NewTargetId(worker, Outreach.OutreachClient.TargetBody(district: "aozasa"));
        await (await Outreach.OutreachClient.RecordContact(worker, targetId, new { method = "visit", outcome = "met" })).Expect(HttpStatusCode.Created);
        await (await Outreach.OutreachClient.MoveTo(worker, targetId, "relationship")).Expect(HttpStatusCode.OK);
        await (await worker.PostAsJsonAsync($"/api/outreach/targets/{targetId}/hand-offs", new
        {
            destination = "intake", consentRecorded = true, consentMethod = "signed_form",
            consentGivenOn = Outreach.OutreachClient.TodayInJapan, mainConcern = "8050",
        })).Expect(HttpStatusCode.Created);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var consultation = await Eventually.Get(async () => (await intake.Read("/api/intake/consultations")).Items().FirstOrDefault(), Hop,
            "the consultation handed on");
        Assert.Null((await worker.Read($"/api/outreach/targets/{targetId}"))["personId"]);
        var person = await intake.CreatePerson("附馬牛 太郎", "ツキモウシ タロウ");

        await (await intake.SendIfMatch(HttpMethod.Patch, $"/api/intake/consultations/{consultation.Id()}", new { personId = person },
            $"/api/intake/consultations/{consultation.Id()}")).Expect(HttpStatusCode.OK);

        await Eventually.True(async () => (await worker.Read($"/api/outreach/targets/{targetId}"))["personId"]?.GetValue<Guid>() == person,
            Hop, "the target naming the person");
    }

    [Fact]
    public async Task Merges_before_and_after_the_record_and_out_of_order_chains_end_at_the_last_survivor_once()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        Guid a = Guid.CreateVersion7(), b = Guid.CreateVersion7(), c = Guid.CreateVersion7();
        var first = Guid.CreateVersion7();
        await system.Publish(Referred(tenant, first, a));
        var firstCase = await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, first);
        Assert.Equal(a, firstCase);

        // After the record: A into B re-points the case, with a line on its timeline.
        var aIntoB = new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, a, b);
        await system.Publish(aIntoB);
        await Eventually.True(async () => await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, first) == b, Hop, "the case following A into B");
        var caseId = (await Eventually.Get(() => coordinator.FindCase(first), Hop, "the case")).Id();
        Assert.Equal(1, (await coordinator.TimelineKinds(caseId)).Count(k => k == "persons_merged"));

        // Before the record: a referral still naming A arrives after the merge.
        var second = Guid.CreateVersion7();
        await system.Publish(Referred(tenant, second, a));
        Assert.Equal(b, await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, second));

        // A chain: B into C later; both end at C.
        var bIntoC = new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, b, c);
        await system.Publish(bIntoC);
        await Eventually.True(async () => await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, first) == c
            && await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, second) == c, Hop, "both cases at C");

        // A chain learnt backwards: Q into R first, then P into Q; P's case ends at R.
        Guid p = Guid.CreateVersion7(), q = Guid.CreateVersion7(), r = Guid.CreateVersion7();
        var third = Guid.CreateVersion7();
        await system.Publish(Referred(tenant, third, p));
        Assert.Equal(p, await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, third));
        var qIntoR = new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, q, r);
        await system.Publish(qIntoR);
        await Eventually.True(() => Handled("multiagencydb", qIntoR.EventId), Hop, "Q into R learnt");
        await system.Publish(new PersonsMerged(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, p, q));
        await Eventually.True(async () => await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, third) == r, Hop, "P's case at R");

        // The first merge delivered again, as the same message and as an equal one: the cases stay at C, no second line.
        var aIntoBAgain = aIntoB with { EventId = Guid.CreateVersion7() };
        await system.Publish(aIntoB, aIntoBAgain);
        await Eventually.True(() => Handled("multiagencydb", aIntoBAgain.EventId), Hop, "the repeated merge handled");
        Assert.Equal(c, await PersonOf("multiagencydb", "support_cases", "consultation_id", tenant, first));
        Assert.Equal(2, (await coordinator.TimelineKinds(caseId)).Count(k => k == "persons_merged"));

        // Another service: a participation request referred under A, after all of it, is C's.
        var fourth = Guid.CreateVersion7();
        await system.Publish(new ConsultationReferredToParticipation(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, fourth, a, null, "8050", "consent"));
        Assert.Equal(c, await PersonOf("participationdb", "participation_requests", "source_id", tenant, fourth));
    }

    [Fact]
    public async Task After_a_late_link_and_a_merge_the_case_conference_report_counts_the_person_once_and_the_export_finds_every_case()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var anonymous = await intake.ReferConsultation();
        var ofP = await intake.ReferConsultation("consent");
        var ofQ = await intake.ReferConsultation("consent");
        var p = (await intake.Read($"/api/intake/consultations/{ofP}")).Id("personId");
        var q = (await intake.Read($"/api/intake/consultations/{ofQ}")).Id("personId");
        var cases = new List<Guid>();
        foreach (var consultation in new[] { anonymous, ofP, ofQ })
        {
            cases.Add((await Eventually.Get(() => coordinator.FindCase(consultation), Hop, "a support case")).Id());
        }
        // One stream for all three (the default follows each case's track), so 実人員 is one figure.
        var meeting = JsonNode.Parse(JsonSerializer.Serialize(MeetingClient.SupportMeeting([.. cases]), Api.Json))!.AsObject();
        foreach (var item in meeting["items"]!.AsArray()) item!["stream"] = "multi_agency";
        await coordinator.CreateMeeting(meeting);
        Assert.Equal((3, 3), await Counted(coordinator));

        await (await intake.SendIfMatch(HttpMethod.Patch, $"/api/intake/consultations/{anonymous}", new { personId = p },
            $"/api/intake/consultations/{anonymous}")).Expect(HttpStatusCode.OK);
        await (await coordinator.PostAsJsonAsync($"/api/intake/persons/{q}/merge", new { survivorId = p })).Expect(HttpStatusCode.OK);

        await Eventually.True(async () => await Counted(coordinator) == (1, 1), Hop, "one person counted");
        var report = await coordinator.Read("/api/multiagency/reports/case-conference?fiscalYear=2021");
        Assert.Equal(3, report["discussions"]!.GetValue<int>());
        Assert.Equal(1, report["mainConcerns"]!.AsArray().Sum(row => row!["count"]!.GetValue<int>()));

        // 開示請求 for the survivor finds all three cases in MultiAgency.
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var export = await manager.Read($"/api/privacy/subjects/{p}");
        var multiAgency = export["services"]!.AsArray().Single(s => s!["service"]!.GetValue<string>() == "multiagency")!;
        Assert.Equal(cases.Order(), multiAgency["records"]!["supportCases"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).Order());
    }

    private static readonly string[] Databases = ["multiagencydb", "outreachdb", "participationdb", "rightsdb"];

    private static ConsultationReferred Referred(string tenant, Guid consultationId, Guid personId) =>
        new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, consultationId, personId, "8050", "consent");

    /// <summary>(実人員 over every stream, cases discussed) of the fiscal year 2021 report.</summary>
    private static async Task<(int Persons, int Cases)> Counted(HttpClient coordinator)
    {
        var report = await coordinator.Read("/api/multiagency/reports/case-conference?fiscalYear=2021");
        return (report["streams"]!.AsArray().Sum(s => s!["persons"]!.GetValue<int>()), report["casesDiscussed"]!.GetValue<int>());
    }

    private async Task<bool> Handled(string database, Guid messageId) =>
        await Sql.Count(system, database, "SELECT count(*) FROM inbox_messages WHERE message_id = $1", messageId) > 0;

    /// <summary>The person id of the record a service opened from <paramref name="sourceId"/>, once it exists (empty when anonymous).</summary>
    private async Task<Guid> PersonOf(string database, string table, string sourceColumn, string tenant, Guid sourceId)
    {
        var found = await Eventually.Get(async () => (await Sql.Strings(system, database,
            $"SELECT coalesce(person_id::text, '') FROM {table} WHERE tenant_code = $1 AND {sourceColumn} = $2", tenant, sourceId)).FirstOrDefault(),
            Hop, $"the {table} record from {sourceId}");
        return found.Length == 0 ? Guid.Empty : Guid.Parse(found);
    }
}
