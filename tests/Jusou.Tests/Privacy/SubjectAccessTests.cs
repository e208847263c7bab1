using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Privacy;

/// <summary>
/// 開示請求: GET /api/privacy/subjects/{personId} through the gateway gathers one person's records from every service,
/// each service auditing its part. Records are made the way they are in practice — by each service's API and by the
/// events between them — so the export is checked against what the system really holds.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SubjectAccessTests(SystemFixture system)
{
    private static readonly TimeSpan Hop = TimeSpan.FromSeconds(30);
    private static readonly string[] Databases = ["intakedb", "multiagencydb", "participationdb", "outreachdb", "communitydb", "rightsdb"];

    [Fact]
    public async Task The_export_gathers_every_services_records_of_the_person_and_no_one_elses()
    {
        var tenant = await system.FreshTenantWith("city-welfare");
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "intake-worker-1");
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coordinator-1");
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-worker-1");
        var rights = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "centre-staff-1");
        var community = system.Gateway(tenant, JusouRoles.CommunityStaff, subject: "minsei-iin-1");

        var person = await intake.CreatePerson("開示 花子", "カイジ ハナコ", new DateOnly(1950, 4, 1));
        var other = await intake.CreatePerson("別人 太郎", "ベツジン タロウ", new DateOnly(1960, 5, 5));
        foreach (var id in new[] { person, other }) await ConsentToEverything(intake, id);
        await (await intake.PostAsJsonAsync("/api/intake/households", new { householdType = "single_65_plus", members = new[] { new { personId = person, relationship = "self" } } }))
            .Expect(HttpStatusCode.Created);

        // Intake → MultiAgency: a support case for each of the two.
        var referred = await Refer(intake, person, "multi_agency");
        var otherReferred = await Refer(intake, other, "multi_agency");
        var supportCase = await Eventually.Get(() => coordinator.FindCase(referred), Hop, "the person's support case");
        var otherCase = await Eventually.Get(() => coordinator.FindCase(otherReferred), Hop, "the other person's support case");
        // A 支援会議 discussing both cases: the person gets its minutes and their own item, not the other's.
        await (await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = "2026-11-20", type = "support_meeting", minutes = "ケース共有: 守秘義務のもとで協議",
            attendees = new object[] { new { organisationCode = "city-welfare", role = "secretariat" } },
            items = new[] { new { caseId = supportCase.Id(), note = "見守りを継続" }, new { caseId = otherCase.Id(), note = "別の方針" } },
        })).Expect(HttpStatusCode.Created);

        // Intake → Participation: a request for each of the two.
        var toParticipation = await Refer(intake, person, "participation");
        var otherToParticipation = await Refer(intake, other, "participation");
        var participationRequest = await RequestFrom(coordinator, toParticipation);
        await RequestFrom(coordinator, otherToParticipation);

        // Intake → Outreach: a target carrying the person id.
        var toOutreach = await Refer(intake, person, "outreach");
        var referredTarget = await TargetFrom(outreach, "intake_referral", toOutreach);

        // CommunityResources → Outreach → Intake: a 気になる人 report becomes a target (no person id), is handed to Intake
        // and the consultation is linked to the person — only the links say the report and the target are theirs.
        var report = (await (await community.PostAsJsonAsync("/api/community/concern-reports", new
        {
            reporterKind = "minsei_iin", concernCodes = new[] { "social_isolation" }, riskLevel = "high",
            personDescription = "青笹町の一人暮らしの高齢女性", details = "新聞が溜まっている。",
        })).Expect(HttpStatusCode.Created)).Id();
        var reportTarget = await TargetFrom(outreach, "concern_report", report);
        var targetPath = $"/api/outreach/targets/{reportTarget}";
        await (await outreach.PostAsJsonAsync($"{targetPath}/contacts", new { method = "visit", outcome = "met", notes = "玄関先で少し話せた" }))
            .Expect(HttpStatusCode.Created);
        await (await outreach.SendIfMatch(HttpMethod.Put, $"{targetPath}/stage", new { stage = "relationship" }, targetPath)).Expect(HttpStatusCode.OK);
        await (await outreach.PostAsJsonAsync($"{targetPath}/hand-offs", new
        {
            destination = "intake", consentRecorded = true, consentMethod = "signed_form",
            consentGivenOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), mainConcern = "social_isolation",
        })).Expect(HttpStatusCode.Created);
        var handedOn = await Eventually.Get(async () =>
            (await intake.Read("/api/intake/consultations?pageSize=100"))["items"]!.AsArray().Select(c => c!.AsObject())
                .FirstOrDefault(c => c["source"]?.GetValue<string>() == "outreach"), Hop, "the consultation Outreach handed on");
        var consultationPath = $"/api/intake/consultations/{handedOn.Id()}";
        await (await intake.SendIfMatch(HttpMethod.Patch, consultationPath, new { personId = person }, consultationPath)).Expect(HttpStatusCode.OK);

        // RightsAdvocacy: a matter for each of the two, opened directly.
        var matter = (await (await rights.PostAsJsonAsync("/api/rights/matters", new { personId = person, personName = "開示 花子" }))
            .Expect(HttpStatusCode.Created)).Id();
        await (await rights.PostAsJsonAsync("/api/rights/matters", new { personId = other, personName = "別人 太郎" })).Expect(HttpStatusCode.Created);

        var manager = system.Gateway(tenant, JusouRoles.Manager, subject: "manager-1");
        var correlation = $"subject-access-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/privacy/subjects/{person}");
        request.Headers.Add("X-Correlation-Id", correlation);
        var export = await (await manager.SendAsync(request)).Expect(HttpStatusCode.OK);

        Assert.Equal(person, export.Id("personId"));
        // Every service answers, in the order of the AppHost's list (its 開示請求 rounds).
        Assert.Equal(Jusou.AppHost.JusouServices.All.OrderBy(s => s.SubjectAccessRound).Select(s => s.Name),
            export["services"]!.AsArray().Select(s => s!["service"]!.GetValue<string>()));

        var fromIntake = Section(export, "intake");
        Assert.Equal([person], Ids(fromIntake, "persons"));
        Assert.Equal(new[] { referred, toParticipation, toOutreach, handedOn.Id() }.Order(), Ids(fromIntake, "consultations").Order());
        Assert.DoesNotContain(otherReferred, Ids(fromIntake, "consultations"));
        Assert.All(Records(fromIntake, "consents"), c => Assert.Equal(person, c.Id("personId")));
        Assert.Single(Records(fromIntake, "consents"));
        Assert.Single(Records(fromIntake, "households"));
        Assert.Equal("開示 花子", Records(fromIntake, "persons")[0].Text("name"));

        var fromMultiAgency = Section(export, "multiagency");
        Assert.Equal([supportCase.Id()], Ids(fromMultiAgency, "supportCases"));
        Assert.NotEmpty(Records(fromMultiAgency, "caseTimeline"));
        Assert.All(Records(fromMultiAgency, "caseTimeline"), line => Assert.Equal(supportCase.Id(), line.Id("caseId")));
        var meeting = Assert.Single(Records(fromMultiAgency, "meetings"));
        Assert.Equal("ケース共有: 守秘義務のもとで協議", meeting.Text("minutes"));
        var item = Assert.Single(meeting["items"]!.AsArray())!.AsObject();
        Assert.Equal(supportCase.Id(), item.Id("caseId"));
        Assert.Equal("見守りを継続", item.Text("note"));

        Assert.Equal([participationRequest], Ids(Section(export, "participation"), "requests"));

        var fromOutreach = Section(export, "outreach");
        Assert.Equal(new[] { referredTarget, reportTarget }.Order(), Ids(fromOutreach, "targets").Order());
        Assert.Equal("玄関先で少し話せた", Assert.Single(Records(fromOutreach, "contactAttempts")).Text("notes"));
        Assert.Single(Records(fromOutreach, "handOffs"));

        Assert.Equal([matter], Ids(Section(export, "rights"), "guardianshipMatters"));
        Assert.Empty(Records(Section(export, "rights"), "dailyLifeSupportContracts"));

        var fromCommunity = Section(export, "community");
        Assert.Equal([report], Ids(fromCommunity, "concernReports"));
        Assert.Equal("新聞が溜まっている。", Records(fromCommunity, "concernReports")[0].Text("details"));

        // One audit row per service for the one export, naming the person, the rule, the purpose and the request.
        foreach (var database in Databases)
        {
            Assert.Equal(1, await Sql.Count(system, database, """
                SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = 'subject_access_export'
                  AND record_type = 'person' AND rule = 'appi_art76_disclosure_request' AND purpose = 'disclosure_request'
                  AND correlation_id = $3 AND subject = 'manager-1'
                """, tenant, person, correlation));
        }

        // Naming another municipality's records as linked reveals nothing: each service reads only the caller's tenant.
        var stranger = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        // Nothing of the person in the caller's municipality: 404 from each service, as from the gateway.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/outreach/privacy/subjects/{person}?linked={reportTarget}&mergedPersonId={other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/community/privacy/subjects/{person}?linked={report}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/multiagency/privacy/subjects/{person}")).StatusCode);

        // The same document as a file to hand over.
        using var download = await manager.GetAsync($"/api/privacy/subjects/{person}?download=true");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"subject-{person}.json", download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([person], Ids(Section(await download.ReadObject(), "intake"), "persons"));
    }

    [Fact]
    public async Task Only_a_manager_of_the_persons_tenant_gets_the_export_and_an_empty_service_still_audits()
    {
        var tenant = Tenants.Fresh();
        var person = await system.Gateway(tenant, JusouRoles.IntakeWorker).CreatePerson("開示 次郎", "カイジ ジロウ");
        var path = $"/api/privacy/subjects/{person}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.AnonymousGateway().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync($"/api/outreach/privacy/subjects/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Gateway(tenant, JusouRoles.Manager).GetAsync("/api/privacy/subjects/not-a-person")).StatusCode);

        // Another municipality's manager learns nothing: the same 404 as for an id that does not exist, and no other
        // service is asked.
        var stranger = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        using var otherTenant = await stranger.GetAsync(path);
        using var unknown = await stranger.GetAsync($"/api/privacy/subjects/{Guid.CreateVersion7()}");
        Assert.Equal(HttpStatusCode.NotFound, otherTenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(Shape(await unknown.Content.ReadAsStringAsync()), Shape(await otherTenant.Content.ReadAsStringAsync()));
        foreach (var database in Databases.Skip(1))
        {
            Assert.Equal(0, await Sql.Count(system, database, "SELECT count(*) FROM audit_entries WHERE record_id = $1", person));
        }

        // The person has nothing beyond Intake: every other section is empty, and every service still wrote its row.
        var export = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync(path)).Expect(HttpStatusCode.OK);
        Assert.Empty(Records(Section(export, "multiagency"), "supportCases"));
        Assert.Empty(Records(Section(export, "participation"), "requests"));
        Assert.Empty(Records(Section(export, "outreach"), "targets"));
        Assert.Empty(Records(Section(export, "rights"), "guardianshipMatters"));
        Assert.Empty(Records(Section(export, "community"), "concernReports"));
        foreach (var database in Databases)
        {
            Assert.Equal(1, await Sql.Count(system, database,
                "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = 'subject_access_export'", tenant, person));
        }
    }

    [Fact]
    public async Task Records_kept_under_an_id_merged_into_the_person_are_theirs_too()
    {
        var tenant = Tenants.Fresh();
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var person = await intake.CreatePerson("開示 四郎", "カイジ シロウ", new DateOnly(1970, 7, 7));
        var duplicate = await intake.CreatePerson("開示 四朗", "カイジ シロウ", new DateOnly(1970, 7, 7));
        await ConsentToEverything(intake, duplicate);
        var referred = await Refer(intake, duplicate, "multi_agency");
        var supportCase = await Eventually.Get(() => coordinator.FindCase(referred), Hop, "the support case of the duplicate record");
        var matter = (await (await system.Gateway(tenant, JusouRoles.RightsStaff).PostAsJsonAsync("/api/rights/matters", new { personId = duplicate }))
            .Expect(HttpStatusCode.Created)).Id();

        // The reviewed merge moves Intake's records to the survivor; MultiAgency keeps the case under the old id.
        await (await coordinator.PostAsJsonAsync($"/api/intake/persons/{duplicate}/merge", new { survivorId = person })).Expect(HttpStatusCode.OK);

        var export = await system.Gateway(tenant, JusouRoles.Manager).Read($"/api/privacy/subjects/{person}");
        Assert.Equal(new[] { person, duplicate }.Order(), Ids(Section(export, "intake"), "persons").Order());
        Assert.Equal([referred], Ids(Section(export, "intake"), "consultations"));
        Assert.Equal([supportCase.Id()], Ids(Section(export, "multiagency"), "supportCases"));
        Assert.Equal([matter], Ids(Section(export, "rights"), "guardianshipMatters"));
    }

    [Fact]
    public async Task When_a_service_does_not_answer_the_export_is_refused_naming_it()
    {
        var tenant = await system.FreshTenantWith("city-welfare");
        var person = await system.Gateway(tenant, JusouRoles.IntakeWorker).CreatePerson("開示 三郎", "カイジ サブロウ");
        var manager = system.Gateway(tenant, JusouRoles.Manager);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await system.StopResource("rights", timeout.Token);
        try
        {
            using var response = await manager.GetAsync($"/api/privacy/subjects/{person}", timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            Assert.True(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(body)!.AsObject();
            Assert.Equal(["rights"], problem["services"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Null(problem["records"]);
        }
        finally
        {
            await system.StartResource("rights", timeout.Token);
            await system.WaitForSystemHealthy(timeout.Token);
        }
    }

    private static async Task ConsentToEverything(HttpClient intake, Guid personId) =>
        await (await intake.PostAsJsonAsync($"/api/intake/persons/{personId}/consents", new
        {
            organisationCodes = new[] { "*" }, purposes = new[] { "referral", "information_sharing" },
            wordingVersion = "test-2026-04", givenOn = "2026-11-01", method = "signed_form",
        })).Expect(HttpStatusCode.Created);

    private static async Task<Guid> Refer(HttpClient intake, Guid personId, string disposition) =>
        (await (await intake.PostAsJsonAsync("/api/intake/consultations", new
        {
            channel = "counter", mainConcern = "8050", summary = "本人からの相談", personId, disposition, sharingRule = "consent",
        })).Expect(HttpStatusCode.Created)).Id();

    private static async Task<Guid> TargetFrom(HttpClient outreach, string source, Guid sourceId) =>
        (await Eventually.Get(async () => (await outreach.Read($"/api/outreach/targets?source={source}&pageSize=100"))["items"]!.AsArray()
            .Select(t => t!.AsObject()).FirstOrDefault(t => t["sourceId"]?.GetValue<Guid>() == sourceId), Hop, $"the target from {source}")).Id();

    private static async Task<Guid> RequestFrom(HttpClient coordinator, Guid consultationId) =>
        (await Eventually.Get(async () => (await coordinator.Read("/api/participation/requests?source=intake_referral&pageSize=100"))["items"]!.AsArray()
            .Select(r => r!.AsObject()).FirstOrDefault(r => r["sourceId"]?.GetValue<Guid>() == consultationId), Hop, "the participation request")).Id();

    private static JsonObject Section(JsonObject export, string service) =>
        export["services"]!.AsArray().Single(s => s!["service"]!.GetValue<string>() == service)!["records"]!.AsObject();

    /// <summary>The records of a type in a service's section; a service that holds nothing of the person has an empty section.</summary>
    private static List<JsonObject> Records(JsonObject section, string type) =>
        section[type]?.AsArray().Select(r => r!.AsObject()).ToList() ?? [];

    private static List<Guid> Ids(JsonObject section, string type) => Records(section, type).Select(r => r.Id()).ToList();

    // A problem body without what differs per request.
    private static string Shape(string body)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        json.Remove("correlationId");
        json.Remove("instance");
        return json.ToJsonString();
    }
}
