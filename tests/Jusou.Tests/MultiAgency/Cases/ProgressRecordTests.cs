using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>支援経過記録 on a case: written, listed and read under the case's own visibility rule, every use audited.</summary>
[Collection(SystemCollection.Name)]
public sealed class ProgressRecordTests(SystemFixture system)
{
    private static string Records(Guid caseId) => $"{CaseClient.Cases}/{caseId}/progress-records";

    private static Task<long> RecordAudit(SystemFixture system, string tenant, Guid recordId, string action, string rule) =>
        Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3 AND record_type = 'case_progress_record' AND rule = $4",
            tenant, recordId, action, rule);

    [Fact]
    public async Task A_coordinator_writes_dated_entries_signed_by_the_token_and_lists_them_by_day_audited()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant, subject: "coordinator-7");
        var caseId = (await coordinator.OpenCase()).Id();

        var response = await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "visit", on = "2026-10-20", text = "自宅を訪問。母と面会し、本人は自室から出てこなかった。" });
        var visit = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"{Records(caseId)}/{visit.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal(("visit", "2026-10-20", "coordinator-7", "city-welfare"),
            (visit.Text("kind"), visit.Text("on"), visit.Text("authorId"), visit.Text("organisationCode")));
        var earlier = await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "phone", on = "2026-10-01", text = "民生委員から電話で状況を聞き取り" }))
            .Expect(HttpStatusCode.Created);
        var today = await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "liaison", text = "社協と訪問日程を調整" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).ToString("yyyy-MM-dd"), today.Text("on"));
        Assert.Equal(1, await RecordAudit(system, tenant, visit.Id(), "create", "role_in_tenant"));

        // Oldest first by the day of the work, not by when it was written; pages follow that order.
        var first = await (await coordinator.GetAsync($"{Records(caseId)}?pageSize=2")).Expect(HttpStatusCode.OK);
        Assert.Equal([earlier.Id(), visit.Id()], first.Items("items").Select(r => r.Id()));
        var second = await (await coordinator.GetAsync($"{Records(caseId)}?pageSize=2&pageToken={first.Text("nextPageToken")}")).Expect(HttpStatusCode.OK);
        Assert.Equal([today.Id()], second.Items("items").Select(r => r.Id()));
        Assert.Null(second["nextPageToken"]);
        Assert.Equal([earlier.Id()], (await (await coordinator.GetAsync($"{Records(caseId)}?kind=phone")).Expect(HttpStatusCode.OK)).Items("items").Select(r => r.Id()));
        Assert.Equal(1, await RecordAudit(system, tenant, visit.Id(), "search", "role_in_tenant"));
        Assert.Equal(3, await system.AuditRows(tenant, caseId, "read", "case_progress_records")); // two pages and one filtered list

        var read = await (await coordinator.GetAsync($"{Records(caseId)}/{visit.Id()}")).Expect(HttpStatusCode.OK);
        Assert.Equal("自宅を訪問。母と面会し、本人は自室から出てこなかった。", read.Text("text"));
        Assert.Equal(1, await RecordAudit(system, tenant, visit.Id(), "read", "role_in_tenant"));

        // The timeline has one line per entry: its kind, never its text.
        var lines = (await coordinator.Timeline(caseId)).Where(e => e.Text("kind") == "progress_recorded").ToList();
        Assert.Equal(new[] { visit.Id(), earlier.Id(), today.Id() }.Order(), lines.Select(e => e.Id("recordId")).Order());
        Assert.Equal(["liaison", "phone", "visit"], lines.Select(e => e.Text("detail")).Order());
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM case_timeline WHERE case_id = $1 AND detail LIKE '%訪問%'", caseId));
        Assert.Equal(0, await Sql.Count(system, CaseClient.Database,
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND payload::text LIKE '%訪問%'", tenant));
    }

    public static TheoryData<string, string> InvalidRecords => new()
    {
        { """{"text":"面談した"}""", "kind" },
        { """{"kind":"gossip","text":"面談した"}""", "kind" },
        { """{"kind":"interview"}""", "text" },
        { """{"kind":"interview","text":"   "}""", "text" },
        { $$"""{"kind":"interview","text":"{{new string('あ', 4001)}}"}""", "text" },
        { """{"kind":"interview","text":"面談予定","on":"2099-01-01"}""", "on" },
    };

    [Theory]
    [MemberData(nameof(InvalidRecords))]
    public async Task A_bad_entry_is_refused_naming_the_field_and_nothing_is_stored(string json, string field)
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var response = await coordinator.PostAsync(Records(caseId), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("case_progress_records", tenant));
        await (await coordinator.GetAsync($"{Records(caseId)}?kind=gossip")).AssertProblem(HttpStatusCode.BadRequest, "kind");
    }

    [Fact]
    public async Task A_partner_agency_reads_and_writes_only_while_its_organisation_is_involved_and_the_audit_names_the_rule()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase("support_meeting")).Id();
        var entry = await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "meeting", on = "2026-10-02", text = "支援会議で共有" }))
            .Expect(HttpStatusCode.Created);
        var agency = system.Gateway(tenant, JusouRoles.AgencyStaff, subject: "shakyo-1", organisation: "tono-shakyo");

        // Not involved: the case and its records do not exist for the agency.
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync(Records(caseId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync($"{Records(caseId)}/{entry.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.PostAsJsonAsync(Records(caseId), new { kind = "visit", text = "訪問" })).StatusCode);
        Assert.Equal(1, await system.Rows("case_progress_records", tenant));

        var involvement = await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements",
            new { organisationCode = "tono-shakyo", role = "collaborating" })).Expect(HttpStatusCode.Created);
        var own = await (await agency.PostAsJsonAsync(Records(caseId), new { kind = "visit", on = "2026-10-03", text = "生活支援員が訪問" }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(("shakyo-1", "tono-shakyo"), (own.Text("authorId"), own.Text("organisationCode")));
        Assert.Equal(1, await RecordAudit(system, tenant, own.Id(), "create", "support_meeting"));
        var listed = (await (await agency.GetAsync(Records(caseId))).Expect(HttpStatusCode.OK)).Items("items");
        Assert.Equal([entry.Id(), own.Id()], listed.Select(r => r.Id()));
        Assert.Equal(1, await RecordAudit(system, tenant, entry.Id(), "search", "support_meeting"));
        await (await agency.GetAsync($"{Records(caseId)}/{entry.Id()}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, await RecordAudit(system, tenant, entry.Id(), "read", "support_meeting"));

        // The involvement ends: so does the access.
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{caseId}/involvements/{involvement.Id()}/end", new { reason = "role_completed" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.GetAsync(Records(caseId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agency.PostAsJsonAsync(Records(caseId), new { kind = "visit", text = "訪問" })).StatusCode);
        Assert.Equal(2, await system.Rows("case_progress_records", tenant));
    }

    [Fact]
    public async Task Managers_read_but_do_not_write_other_roles_and_tenants_see_nothing()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var entry = await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "interview", text = "来所面談" })).Expect(HttpStatusCode.Created);

        var manager = system.Gateway(tenant, JusouRoles.Manager);
        Assert.Single((await (await manager.GetAsync(Records(caseId))).Expect(HttpStatusCode.OK)).Items("items"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(Records(caseId), new { kind = "interview", text = "面談" })).StatusCode);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker);
        Assert.Equal(HttpStatusCode.Forbidden, (await outreach.GetAsync(Records(caseId))).StatusCode);
        var otherTenant = system.Coordinator(Tenants.Fresh());
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync(Records(caseId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"{Records(caseId)}/{entry.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.PostAsJsonAsync(Records(caseId), new { kind = "interview", text = "面談" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"{Records(Guid.CreateVersion7())}")).StatusCode);
        Assert.Equal(1, await system.Rows("case_progress_records", tenant));
    }

    [Fact]
    public async Task A_closed_case_takes_no_entries_until_reopened_and_a_suspended_one_does()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "suspended", reason: "hospitalised");
        await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "phone", text = "病院の相談員と連絡" })).Expect(HttpStatusCode.Created);
        await coordinator.Move(caseId, "closed", reason: "moved_out");

        await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "phone", text = "転居先へ連絡" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(1, await system.Rows("case_progress_records", tenant));
        await coordinator.Move(caseId, "assessment", reason: "reconsulted");
        await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "interview", text = "再相談" })).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_persons_subject_access_export_has_the_entries_of_their_cases()
    {
        var tenant = Tenants.Fresh();
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var coordinator = system.Coordinator(tenant);
        var person = await intake.CreatePerson("経過 花子", "ケイカ ハナコ", new DateOnly(1950, 4, 1));
        var other = await intake.CreatePerson("別人 次郎", "ベツジン ジロウ", new DateOnly(1961, 4, 1));
        var caseId = (await coordinator.OpenCase(personId: person)).Id();
        var otherCase = (await coordinator.OpenCase(personId: other)).Id();
        var entry = await (await coordinator.PostAsJsonAsync(Records(caseId), new { kind = "interview", text = "本人と面談" })).Expect(HttpStatusCode.Created);
        await (await coordinator.PostAsJsonAsync(Records(otherCase), new { kind = "interview", text = "別の人と面談" })).Expect(HttpStatusCode.Created);

        var export = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/privacy/subjects/{person}")).Expect(HttpStatusCode.OK);
        var multiAgency = export["services"]!.AsArray().Single(s => s!["service"]!.GetValue<string>() == "multiagency")!["records"]!.AsObject();
        var records = multiAgency.Items("progressRecords");
        Assert.Equal([entry.Id()], records.Select(r => r.Id()));
        Assert.Equal("本人と面談", records[0].Text("text"));
    }
}
