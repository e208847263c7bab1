using System.Net;
using System.Net.Http.Json;
using Jusou.Contracts.CommunityResources;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.MultiAgency.Cases;

namespace Jusou.Tests.Registry;

/// <summary>
/// One organisation registry per municipality: the directory's organisations are the organisations, each named by a
/// stable code (its 法人番号, else the municipality's own code) in requests, tokens and events; every service refuses a
/// code its municipality's directory does not have.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OrganisationRegistryTests(SystemFixture system)
{
    private const string Directory = "/api/community/organisations";
    private const string NationalTaxAgency = "7000012050002"; // 国税庁's 法人番号

    private HttpClient Staff(string tenant) => system.Gateway(tenant, JusouRoles.CommunityStaff, subject: "directory-staff");

    private Task<long> Registered(string tenant) =>
        Sql.Count(system, "communitydb", "SELECT count(*) FROM organisations WHERE tenant_code = $1", tenant);

    [Fact]
    public async Task An_organisation_is_registered_by_its_corporate_number_or_a_local_code_and_found_by_it()
    {
        var tenant = Tenants.Fresh();
        var staff = Staff(tenant);

        var corporation = await (await staff.PostAsJsonAsync(Directory,
            new { name = "社会福祉法人 遠野福祉会", kind = "social_welfare_corporation", corporateNumber = NationalTaxAgency })).Expect(HttpStatusCode.Created);
        Assert.Equal(NationalTaxAgency, corporation.Text("code"));
        Assert.Equal(NationalTaxAgency, corporation.Text("corporateNumber"));
        var shakyo = await (await staff.PostAsJsonAsync(Directory,
            new { name = "遠野市社会福祉協議会", kind = "social_welfare_council", code = "tono-shakyo" })).Expect(HttpStatusCode.Created);
        Assert.Equal("tono-shakyo", shakyo.Text("code"));
        Assert.Null(shakyo["corporateNumber"]);

        var found = await (await staff.GetAsync($"{Directory}/by-code/{NationalTaxAgency}")).Expect(HttpStatusCode.OK);
        Assert.Equal(corporation.Id(), found.Id());
        await (await staff.GetAsync($"{Directory}/by-code/tono-nowhere")).AssertProblem(HttpStatusCode.NotFound);

        // A code is the municipality's: taken once here, free in another municipality, which does not see this one.
        await (await staff.PostAsJsonAsync(Directory, new { name = "別の社協", kind = "other", code = "tono-shakyo" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(2, await Registered(tenant));
        var other = Tenants.Fresh();
        await (await Staff(other).GetAsync($"{Directory}/by-code/tono-shakyo")).AssertProblem(HttpStatusCode.NotFound);
        await (await Staff(other).PostAsJsonAsync(Directory, new { name = "遠野市社会福祉協議会", kind = "other", code = "tono-shakyo" })).Expect(HttpStatusCode.Created);

        // Each registration is announced (ids and codes only) and the services learn it.
        Assert.Equal(2, await Sql.Count(system, "communitydb",
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2", tenant, typeof(OrganisationRegistered).FullName!));
        await system.WaitUntilKnownAsync(tenant, NationalTaxAgency);
        var known = await (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync($"/api/multiagency/organisations/{NationalTaxAgency}"))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(corporation.Id(), known.Id("organisationId"));
        Assert.Equal("social_welfare_corporation", known.Text("kindCode"));
    }

    [Theory]
    [InlineData("""{"name":"法人","kind":"other","corporateNumber":"8000012050002"}""", "corporateNumber")] // wrong check digit
    [InlineData("""{"name":"法人","kind":"other","corporateNumber":"700001205000"}""", "corporateNumber")] // twelve digits
    [InlineData("""{"name":"法人","kind":"other","code":"1180301018771"}""", "code")] // a 法人番号 given as a local code
    [InlineData("""{"name":"社協","kind":"other","code":"Tono Shakyo"}""", "code")]
    [InlineData("""{"name":"社協","kind":"other","code":"t"}""", "code")]
    [InlineData("""{"name":"社協","kind":"other"}""", "code")] // neither
    [InlineData("""{"name":"社協","kind":"other","code":"tono-shakyo","corporateNumber":"7000012050002"}""", "code")] // both
    public async Task A_bad_code_or_corporate_number_is_400_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = Tenants.Fresh();
        var response = await Staff(tenant).PostAsync(Directory, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await Registered(tenant));
    }

    [Fact]
    public async Task An_organisations_code_never_changes_and_a_change_reaches_the_services_with_a_higher_version()
    {
        var tenant = Tenants.Fresh();
        var staff = Staff(tenant);
        var created = await staff.PostAsJsonAsync(Directory, new { name = "遠野市地域包括支援センター", kind = "other", code = "tono-houkatsu" });
        var id = (await created.Expect(HttpStatusCode.Created)).Id();
        var etag = created.ETagOf();

        await (await staff.Send(HttpMethod.Put, $"{Directory}/{id}",
            new { name = "遠野市地域包括支援センター", kind = "other", code = "tono-houkatsu-2" }, etag)).AssertProblem(HttpStatusCode.BadRequest, "code");
        await (await staff.Send(HttpMethod.Put, $"{Directory}/{id}",
            new { name = "遠野市地域包括支援センター", kind = "other", corporateNumber = NationalTaxAgency }, etag)).AssertProblem(HttpStatusCode.BadRequest, "corporateNumber");
        Assert.Equal("tono-houkatsu", (await (await staff.GetAsync($"{Directory}/{id}")).Expect(HttpStatusCode.OK)).Text("code"));

        // The same code, or none, is no change of code; the change is announced with the next version.
        var changed = await (await staff.Send(HttpMethod.Put, $"{Directory}/{id}",
            new { name = "遠野市地域包括支援センター(基幹型)", kind = "community_general_support_centre_core", code = "tono-houkatsu" }, etag)).Expect(HttpStatusCode.OK);
        Assert.Equal("tono-houkatsu", changed.Text("code"));
        await system.WaitUntilKnownAsync(tenant, "tono-houkatsu", version: 2);
        foreach (var service in Organisations.CheckedBy)
        {
            var known = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/{service}/organisations/tono-houkatsu")).Expect(HttpStatusCode.OK);
            Assert.Equal("community_general_support_centre_core", known.Text("kindCode"));
        }
    }

    [Fact]
    public async Task The_services_keep_the_newest_announcement_however_often_and_in_whatever_order_it_arrives()
    {
        var tenant = Tenants.Fresh();
        var organisationId = Guid.CreateVersion7();
        var newer = new OrganisationRegistered(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, organisationId, "tono-npo", "npo", "tono-shakyo", 2);
        var older = newer with { EventId = Guid.CreateVersion7(), KindCode = "other", ParentOrganisationCode = null, Version = 1 };
        await system.Publish(newer, newer /* a redelivery */, older);

        foreach (var database in (string[])["intakedb", "multiagencydb", "participationdb"])
        {
            await Eventually.True(async () => await Sql.Count(system, database,
                "SELECT count(*) FROM inbox_messages WHERE message_id = $1 AND consumer = 'KnownOrganisationsConsumer'", older.EventId) == 1,
                Organisations.KnownTimeout, $"{database} to handle the older announcement");
            Assert.Equal(1, await Sql.Count(system, database, "SELECT count(*) FROM known_organisations WHERE tenant_code = $1", tenant));
        }
        foreach (var service in Organisations.CheckedBy)
        {
            var known = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/{service}/organisations/tono-npo")).Expect(HttpStatusCode.OK);
            Assert.Equal(("npo", "tono-shakyo", 2L), (known.Text("kindCode"), known.Text("parentOrganisationCode"), known["version"]!.GetValue<long>()));
        }
    }

    [Fact]
    public async Task An_unknown_organisation_code_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo");
        await system.RegisterOrganisationsAsync(Tenants.Fresh(), "tono-elsewhere"); // another municipality's code is unknown here too
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "assessment");
        await coordinator.Move(caseId, "planning");

        foreach (var unknown in (string[])["tono-nowhere", "tono-elsewhere"])
        {
            await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/plans", new
            {
                goals = new[] { new { text = "居場所に通う" } },
                actions = new[] { new { kind = "other", organisationCode = "tono-shakyo" }, new { kind = "other", organisationCode = unknown } },
            })).AssertProblem(HttpStatusCode.BadRequest, "actions[1].organisationCode");
            await (await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
            {
                date = "2026-11-01", type = "support_meeting", attendees = new[] { new { organisationCode = unknown, role = "secretariat" } },
            })).AssertProblem(HttpStatusCode.BadRequest, "attendees[0].organisationCode");
            await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = unknown, role = "lead" }))
                .AssertProblem(HttpStatusCode.BadRequest, "organisationCode");
            await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/supports", new { kind = "long_term_care_insurance", providerOrganisationCode = unknown }))
                .AssertProblem(HttpStatusCode.BadRequest, "providerOrganisationCode");

            var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
            await (await intake.PostAsJsonAsync("/api/intake/consultations", new
            {
                channel = "counter", disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = unknown,
            })).AssertProblem(HttpStatusCode.BadRequest, "referredOrganisationCode");
            var person = await intake.CreatePerson("遠野 太郎", "トオノ タロウ");
            await (await intake.PostAsJsonAsync($"/api/intake/persons/{person}/consents", new
            {
                organisationCodes = new[] { "*", unknown }, purposes = new[] { "referral" }, wordingVersion = "v1", givenOn = "2026-01-01", method = "verbal",
            })).AssertProblem(HttpStatusCode.BadRequest, "organisationCodes[1]");

            await (await system.Gateway(tenant, JusouRoles.Coordinator).PostAsJsonAsync("/api/participation/opportunities", new
            {
                kind = "ibasho", hostOrganisationCode = unknown, title = "居場所",
            })).AssertProblem(HttpStatusCode.BadRequest, "hostOrganisationCode");
        }

        Assert.Equal(0, await system.Rows("support_plans", tenant));
        Assert.Equal(0, await system.Rows("meetings", tenant));
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM case_involvements WHERE case_id = $1", caseId));
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database, "SELECT count(*) FROM case_supports WHERE case_id = $1", caseId));
        Assert.Equal(0, await Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE tenant_code = $1", tenant));
        Assert.Equal(0, await Sql.Count(system, "intakedb", "SELECT count(*) FROM referrals WHERE tenant_code = $1", tenant));
        Assert.Equal(0, await Sql.Count(system, "intakedb", "SELECT count(*) FROM consents WHERE tenant_code = $1", tenant));
        Assert.Equal(0, await Sql.Count(system, "participationdb", "SELECT count(*) FROM opportunities WHERE tenant_code = $1", tenant));

        // The registered code is accepted where the unknown one was not.
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements", new { organisationCode = "tono-shakyo", role = "lead" }))
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Agency_staff_whose_org_claim_is_the_organisations_corporate_number_see_the_cases_it_is_involved_in_and_no_other()
    {
        const string corporation = "1180301018771";
        var tenant = await system.FreshTenantWith(corporation);
        var coordinator = system.Coordinator(tenant);
        var involved = (await coordinator.OpenCase()).Id();
        var notInvolved = (await coordinator.OpenCase()).Id();
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{involved}/involvements", new { organisationCode = corporation, role = "collaborating" }))
            .Expect(HttpStatusCode.Created);

        var agency = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "corp-staff-1", organisation: corporation);
        Assert.Equal(HttpStatusCode.OK, (await agency.GetAsync($"{CaseClient.Cases}/{involved}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"{CaseClient.Cases}/{notInvolved}")).StatusCode);
        var listed = (await (await agency.GetAsync(CaseClient.Cases)).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal([involved], listed.Select(c => c.Id()));
        var stranger = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "other-staff", organisation: "tono-shakyo");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{CaseClient.Cases}/{involved}")).StatusCode);
    }

    [Fact]
    public async Task A_host_sees_its_view_under_its_organisation_code_and_other_hosts_do_not()
    {
        var tenant = await system.FreshTenantWith("tono-kobo", "tono-cafe");
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        await (await coordinator.PostAsJsonAsync("/api/participation/opportunities", new
        {
            kind = "ibasho", hostOrganisationCode = "tono-kobo", title = "工房の居場所", capacity = 3,
        })).Expect(HttpStatusCode.Created);

        var host = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "kobo-1", organisation: "tono-kobo");
        var view = await (await host.GetAsync("/api/participation/hosts/tono-kobo")).Expect(HttpStatusCode.OK);
        Assert.Equal("tono-kobo", view.Text("organisationCode"));
        Assert.Single(view.Items("opportunities"));
        var otherHost = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "cafe-1", organisation: "tono-cafe");
        Assert.Equal(HttpStatusCode.NotFound, (await otherHost.GetAsync("/api/participation/hosts/tono-kobo")).StatusCode);
    }
}
