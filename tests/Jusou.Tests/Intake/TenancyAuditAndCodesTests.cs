using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Npgsql;

namespace Jusou.Tests.Intake;

/// <summary>Tenancy, roles, the append-only audit trail and the code tables of Intake.</summary>
[Collection(SystemCollection.Name)]
public sealed class TenancyAuditAndCodesTests(SystemFixture system)
{
    [Fact]
    public async Task Another_tenant_gets_404_for_every_record_and_finds_none_of_them()
    {
        var tenant = await system.FreshTenantWith("tono-shakyo");
        var owner = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await owner.NewPersonId("山田 太郎", "ヤマダ タロウ", new DateOnly(1958, 7, 12));
        await owner.RecordConsent(person, ["*"], "referral");
        var consultation = (await owner.NewConsultation(new
        {
            channel = "counter", personId = person, disposition = "referred_to_agency", sharingRule = "consent", referredOrganisationCode = "tono-shakyo",
        })).Id();
        var household = (await (await owner.PostAsJsonAsync("/api/intake/households",
            new { members = new[] { new { personId = person, relationship = "self" } } })).CreatedObject()).Id();
        var referral = Assert.Single((await (await owner.GetAsync("/api/intake/referrals")).OkObject()).Items()).Id();

        var otherTenant = Tenants.Fresh();
        var other = system.Gateway(otherTenant, JusouRoles.Manager);
        foreach (var path in new[]
                 {
                     $"/api/intake/persons/{person}",
                     $"/api/intake/persons/{person}/consents",
                     $"/api/intake/consultations/{consultation}",
                     $"/api/intake/consultations/{consultation}/sheet",
                     $"/api/intake/households/{household}",
                     $"/api/intake/referrals/{referral}",
                 })
        {
            var response = await other.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        Assert.Empty((await (await other.GetAsync($"/api/intake/persons?name={Uri.EscapeDataString("やまだ")}")).OkObject()).Items());
        Assert.Empty((await (await other.GetAsync("/api/intake/persons?birthDate=1958-07-12")).OkObject()).Items());
        Assert.Empty((await (await other.GetAsync($"/api/intake/consultations?personId={person}")).OkObject()).Items());
        Assert.Empty((await (await other.GetAsync("/api/intake/referrals")).OkObject()).Items());
        Assert.Empty((await (await other.GetAsync($"/api/intake/audit?recordId={person}")).OkObject()).Items());

        // Nor can it change them.
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Put, $"/api/intake/persons/{person}", new { name = "乗っ取り" }, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/intake/consultations/{consultation}/follow-ups", new { channel = "phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Dispose(consultation, new { disposition = "advice_closed" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/intake/referrals/{referral}/answer", new { status = "accepted" })).StatusCode);
        Assert.Equal(0, await system.Rows("audit_entries", otherTenant));
    }

    [Theory]
    [InlineData("GET", "/api/intake/persons")]
    [InlineData("POST", "/api/intake/persons")]
    [InlineData("GET", "/api/intake/persons/duplicates")]
    [InlineData("GET", "/api/intake/consultations")]
    [InlineData("POST", "/api/intake/consultations")]
    [InlineData("GET", "/api/intake/referrals")]
    [InlineData("POST", "/api/intake/households")]
    public async Task Community_staff_have_no_right_to_intake_records(string method, string path)
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.CommunityStaff);
        var response = method == "GET"
            ? await client.GetAsync(path)
            : await client.PostAsJsonAsync(path, new { channel = "counter", name = "山田 太郎" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await system.Rows("persons", tenant));
        Assert.Equal(0, await system.Rows("consultations", tenant));
    }

    [Fact]
    public async Task Community_staff_cannot_read_a_person_or_a_consultation_by_id()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await worker.NewPersonId();
        var consultation = (await worker.NewConsultation(new { channel = "counter", personId = person })).Id();
        var community = system.Gateway(tenant, JusouRoles.CommunityStaff);

        Assert.Equal(HttpStatusCode.Forbidden, (await community.GetAsync($"/api/intake/persons/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await community.GetAsync($"/api/intake/consultations/{consultation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await community.GetAsync($"/api/intake/consultations/{consultation}/sheet")).StatusCode);
        Assert.Equal(0, await system.AuditRows(tenant, person, "read"));
    }

    [Theory]
    [InlineData(JusouRoles.IntakeWorker)]
    [InlineData(JusouRoles.Coordinator)]
    [InlineData(JusouRoles.AgencyStaff)]
    [InlineData(JusouRoles.CommunityStaff)]
    public async Task Only_managers_read_the_audit_trail(string role)
    {
        var tenant = Tenants.Fresh();
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, role).GetAsync("/api/intake/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(tenant, JusouRoles.Manager).GetAsync("/api/intake/audit")).StatusCode);
    }

    [Fact]
    public async Task Every_read_of_a_person_writes_an_audit_row_saying_who_and_why()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "reader-7");
        var person = await worker.NewPersonId();
        var before = await system.AuditRows(tenant, person, "read");

        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/intake/persons/{person}")).StatusCode);
        Assert.Equal(before + 1, await system.AuditRows(tenant, person, "read"));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/intake/persons/{person}");
        request.Headers.Add("X-Purpose", "case_conference");
        Assert.Equal(HttpStatusCode.OK, (await worker.SendAsync(request)).StatusCode);
        Assert.Equal(before + 2, await system.AuditRows(tenant, person, "read"));

        var entries = (await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/intake/audit?recordId={person}")).OkObject()).Items()
            .Where(a => a.Text("action") == "read").ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, a => Assert.Equal("reader-7", a.Text("subject")));
        Assert.All(entries, a => Assert.Equal("person", a.Text("recordType")));
        Assert.Equal(["case_conference", "case_work"], entries.Select(a => a.Text("purpose")).Order());
    }

    [Fact]
    public async Task A_search_audits_each_person_it_returns()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var found = await worker.NewPersonId("山田 太郎", "ヤマダ タロウ");
        var notFound = await worker.NewPersonId("佐藤 花子", "サトウ ハナコ");

        await (await worker.GetAsync($"/api/intake/persons?name={Uri.EscapeDataString("やまだ")}")).OkObject();

        Assert.Equal(1, await system.AuditRows(tenant, found, "search"));
        Assert.Equal(0, await system.AuditRows(tenant, notFound, "search"));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET subject = 'someone-else' WHERE tenant_code = @tenant")]
    [InlineData("DELETE FROM audit_entries WHERE tenant_code = @tenant")]
    public async Task The_database_refuses_to_change_or_delete_audit_entries(string sql)
    {
        var tenant = Tenants.Fresh();
        var person = await system.Gateway(tenant, JusouRoles.IntakeWorker).NewPersonId();
        var rows = await system.Rows("audit_entries", tenant);
        Assert.True(rows > 0);

        await using var connection = new NpgsqlConnection(await system.ConnectionString("intakedb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(rows, await system.Rows("audit_entries", tenant));
        Assert.Equal(1, await Sql.Count(system, "intakedb",
            "SELECT count(*) FROM audit_entries WHERE record_id = $1 AND action = 'create' AND subject <> 'someone-else'", person));
    }

    [Fact]
    public async Task The_code_tables_are_served_with_japanese_labels()
    {
        var response = await system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker).GetAsync("/api/intake/codes");
        var codes = await response.OkObject();

        foreach (var table in new[]
                 {
                     "channels", "referralRoutes", "concerns", "householdTypes", "relationships", "sexes", "visitors", "dispositions",
                     "sharingRules", "consentPaths", "consentPurposes", "consentMethods", "consultationStatuses", "referralStatuses", "duplicateReasons",
                     "residencyChanges",
                 })
        {
            Assert.True(codes.ContainsKey(table), $"table {table}");
            Assert.NotEmpty(codes[table]!.AsArray());
        }

        Assert.Equal("8050", Label(codes, "concerns", "8050"));
        Assert.Equal("ヤングケアラー", Label(codes, "concerns", "young_carer"));
        Assert.Equal("単身世帯(65歳以上)", Label(codes, "householdTypes", "single_65_plus"));
        Assert.Equal("窓口", Label(codes, "channels", "counter"));
        Assert.Equal("民生委員・児童委員", Label(codes, "referralRoutes", "welfare_commissioner"));
        Assert.Equal("参加支援へ", Label(codes, "dispositions", "participation"));
        Assert.Equal("他機関へつなぎ", Label(codes, "dispositions", "referred_to_agency"));
        Assert.Equal("本人同意", Label(codes, "sharingRules", "consent"));
        Assert.Contains("106条の6", Label(codes, "sharingRules", "support_meeting"));
        Assert.Equal(6, codes["dispositions"]!.AsArray().Count);
    }

    private static string Label(JsonObject codes, string table, string code) =>
        codes[table]!.AsArray().Single(e => e!["code"]!.GetValue<string>() == code)!["label"]!.GetValue<string>();
}
