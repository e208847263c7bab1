using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Residency;

/// <summary>
/// The 住民基本台帳 link: persons carry the 宛名番号, and a 住民異動 file from the 宛名 system flags the open records of
/// those who moved out or died — alerts on their cases and outreach targets — and changes nothing else.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ResidencyImportTests(SystemFixture system)
{
    private const string Import = "/api/intake/residency-changes/imports";

    [Fact]
    public async Task A_death_and_a_move_out_raise_alerts_on_open_records_and_an_unknown_number_and_a_bad_line_change_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker);

        var died = (await staff.NewPerson(new { name = "遠野 一郎", nameKana = "トオノ イチロウ", atenaNumber = "0001001" })).Id();
        var movedOut = (await staff.NewPerson(new { name = "遠野 二郎", nameKana = "トオノ ジロウ", atenaNumber = "0001002" })).Id();
        var untouched = await staff.NewPerson(new { name = "遠野 三郎", nameKana = "トオノ サブロウ", atenaNumber = "0001003", address = "遠野市 1-1" });
        // The 宛名番号 names one resident.
        Assert.Equal(HttpStatusCode.Conflict,
            (await staff.PostAsJsonAsync(IntakeClient.Persons, new { name = "別人", atenaNumber = "0001001" })).StatusCode);

        async Task<Guid> OpenCase(Guid personId)
        {
            var consultation = (await staff.NewConsultation(new
            {
                channel = "counter", mainConcern = "8050", personId, disposition = "multi_agency", sharingRule = "support_meeting",
            })).Id();
            return (await Eventually.Get(() => coordinator.FindCase(consultation), TimeSpan.FromSeconds(30), "the case"))!["id"]!.GetValue<Guid>();
        }
        var diedCase = await OpenCase(died);
        var movedOutCase = await OpenCase(movedOut);
        var untouchedCase = await OpenCase(untouched.Id());
        await staff.NewConsultation(new { channel = "visit", mainConcern = "social_isolation", personId = died, disposition = "outreach", sharingRule = "support_meeting" });
        var target = await Eventually.Get(async () => (await outreach.GetFromJsonAsync<JsonObject>("/api/outreach/targets?pageSize=100"))!
            .Items().FirstOrDefault(t => t["personId"]?.GetValue<Guid>() == died), TimeSpan.FromSeconds(30), "the outreach target");

        // As a 宛名 system exports it: Shift_JIS, Japanese headers, columns Jusou does not read.
        var file = """
            宛名番号,異動事由,異動日,氏名,世帯番号
            0001001,死亡,2026-11-20,,H01
            0001002,転出,20261115,,H02
            0009999,転出,2026-11-15,,H09
            0001003,"死亡,2026-11-20
            """;
        var report = await (await PostCsv(manager, file, "shift_jis")).OkObject();

        Assert.Equal(4, report["lines"]!.GetValue<int>());
        var applied = report["applied"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal([(2, "died", died), (3, "moved_out", movedOut)],
            applied.Select(a => (a["line"]!.GetValue<int>(), a.Text("changeCode"), a.Id("personId"))));
        Assert.All(applied, a => Assert.Equal("open_records_flagged", a.Text("outcome")));
        var unmatched = Assert.Single(report["unmatched"]!.AsArray())!.AsObject();
        Assert.Equal((4, "unknown_atena_number"), (unmatched["line"]!.GetValue<int>(), unmatched.Text("outcome")));
        Assert.Equal(5, Assert.Single(report["rejected"]!.AsArray())!["line"]!.GetValue<int>());

        // The persons say so; the one on the malformed line is as it was.
        var person = await (await staff.GetAsync($"{IntakeClient.Persons}/{died}")).OkObject();
        Assert.Equal(("died", "2026-11-20"), (person.Text("residentStatus"), person.Text("residentStatusOn")));
        var same = await (await staff.GetAsync($"{IntakeClient.Persons}/{untouched.Id()}")).OkObject();
        Assert.Equal(("resident", "遠野 三郎", "遠野市 1-1"), (same.Text("residentStatus"), same.Text("name"), same.Text("address")));

        // An alert on each open case of the two, with a line on its timeline; none on the third's.
        async Task<List<JsonObject>> Alerts(Guid caseId) =>
            (await coordinator.GetFromJsonAsync<JsonObject>($"/api/multiagency/alerts?caseId={caseId}&mine=false"))!.Items().ToList();
        var diedAlert = await Eventually.Get(async () => (await Alerts(diedCase)).FirstOrDefault(a => a.Text("rule") == "resident_died"),
            TimeSpan.FromSeconds(30), "the death alert");
        Assert.Equal("2026-11-20", diedAlert.Text("dueOn"));
        await Eventually.Get(async () => (await Alerts(movedOutCase)).FirstOrDefault(a => a.Text("rule") == "resident_moved_out"),
            TimeSpan.FromSeconds(30), "the move-out alert");
        var timeline = await coordinator.GetFromJsonAsync<JsonObject>($"/api/multiagency/cases/{diedCase}/timeline");
        Assert.Contains(timeline!.Items(), e => e.Text("kind") == "resident_died");
        // The outreach target is flagged and overdue from the day of death.
        var flagged = await Eventually.Get(async () =>
        {
            var t = await outreach.GetFromJsonAsync<JsonObject>($"/api/outreach/targets/{target.Id()}");
            return t!["residentStatus"]?.GetValue<string>() == "died" ? t : null;
        }, TimeSpan.FromSeconds(30), "the flagged target");
        Assert.Equal("2026-11-20", flagged.Text("nextContactOn"));
        Assert.True(flagged["overdue"]!.GetValue<bool>());

        // Importing the same file again applies nothing twice.
        var again = await (await PostCsv(manager, file, "shift_jis")).OkObject();
        Assert.Empty(again["applied"]!.AsArray());
        Assert.Equal(2, again["alreadyApplied"]!.AsArray().Count);
        Assert.Empty(await Alerts(untouchedCase));
        Assert.Single(await Alerts(diedCase));
        // Nothing was closed: the coordinator decides.
        Assert.NotEqual("closed", (await coordinator.GetFromJsonAsync<JsonObject>($"/api/multiagency/cases/{diedCase}"))!.Text("status"));
    }

    [Fact]
    public async Task A_name_change_is_kept_exactly_and_bad_files_are_refused_with_what_to_do()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var person = (await staff.NewPerson(new { name = "吉田 花子", atenaNumber = "A77" })).Id();

        var report = await (await PostCsv(manager, "atenaNumber,changeCode,effectiveOn,name\nA77,name_changed,2026-11-01,\U00020BB7田 \uFA30子\n", "utf-8")).OkObject();
        Assert.Equal("name_updated", report["applied"]![0]!.AsObject().Text("outcome"));
        Assert.Equal("\U00020BB7田 \uFA30子", (await (await staff.GetAsync($"{IntakeClient.Persons}/{person}")).OkObject()).Text("name"));
        // A new name holding an unregistered 外字 is a rejected line, naming the character; the name stays.
        var gaiji = await (await PostCsv(manager, "atenaNumber,changeCode,effectiveOn,name\nA77,name_changed,2026-11-03,\uE005田 花子\n", "utf-8")).OkObject();
        Assert.Contains("U+E005", gaiji["rejected"]![0]!["errors"]![0]!.GetValue<string>());
        Assert.Empty(gaiji["applied"]!.AsArray());
        // Found by the unified form of the compatibility ideograph, and by the common form of 𠮷.
        var found = await staff.GetFromJsonAsync<JsonObject>($"{IntakeClient.Persons}?name={Uri.EscapeDataString("吉田 侮")}");
        Assert.Contains(found!.Items(), p => p.Id() == person);

        var sjis = Encoding.GetEncoding(932).GetBytes("宛名番号,異動事由,異動日\nA77,死亡,2026-11-02\n");
        using (var content = new ByteArrayContent(sjis))
        {
            content.Headers.TryAddWithoutValidation("Content-Type", "text/csv"); // no charset: read as UTF-8, which it is not
            await (await manager.PostAsync(Import, content)).AssertProblem(HttpStatusCode.BadRequest);
        }
        await (await PostCsv(manager, "番号,事由\n1,死亡\n", "utf-8")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await manager.PostAsJsonAsync(Import, new { atenaNumber = "A77" })).StatusCode);
        // Only a manager imports.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostCsv(staff, "宛名番号,異動事由,異動日\nA77,死亡,2026-11-02\n", "utf-8")).StatusCode);
        Assert.Equal("resident", (await (await staff.GetAsync($"{IntakeClient.Persons}/{person}")).OkObject()).Text("residentStatus"));
    }

    [Fact]
    public async Task The_same_file_imported_twice_at_once_applies_each_line_once_and_both_imports_answer()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var lines = new StringBuilder("宛名番号,異動事由,異動日,住所\n");
        for (var i = 0; i < 20; i++)
        {
            await staff.NewPerson(new { name = $"同時 {i}郎", nameKana = "ドウジ", atenaNumber = $"77{i:D5}" });
            lines.Append($"77{i:D5},転居,2026-11-{i + 1:D2},遠野市新町{i}\n");
        }

        var imports = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostCsv(manager, lines.ToString(), "utf-8")));
        var reports = new List<JsonObject>();
        foreach (var import in imports) reports.Add(await import.OkObject());

        // Every line is applied by exactly one of the imports; the others report it as already applied.
        Assert.Equal(20, reports.Sum(r => r["applied"]!.AsArray().Count));
        Assert.All(reports, r => Assert.Equal(20, r["applied"]!.AsArray().Count + r["alreadyApplied"]!.AsArray().Count));
        Assert.Equal(20, await Sql.Count(system, "intakedb", "SELECT count(*) FROM residency_changes WHERE tenant_code = $1", tenant));
    }

    [Fact]
    public async Task A_change_for_a_record_merged_twice_reaches_the_last_survivor()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var oldest = (await staff.NewPerson(new { name = "重複 花子", nameKana = "チョウフク ハナコ", atenaNumber = "8800001" })).Id();
        var middle = (await staff.NewPerson(new { name = "重複 花子", nameKana = "チョウフク ハナコ" })).Id();
        var last = (await staff.NewPerson(new { name = "重複 花子", nameKana = "チョウフク ハナコ" })).Id();
        foreach (var (from, into) in new[] { (oldest, middle), (middle, last) })
        {
            var merge = await manager.PostAsJsonAsync($"{IntakeClient.Persons}/{from}/merge", new { survivorId = into });
            Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync());
        }
        Assert.Equal(last, (await (await staff.GetAsync($"{IntakeClient.Persons}/{oldest}")).OkObject())["mergedIntoId"]!.GetValue<Guid>());

        var report = await (await PostCsv(manager, "宛名番号,異動事由,異動日\n8800001,死亡,2026-11-30\n", "utf-8")).OkObject();
        Assert.Equal(last, report["applied"]![0]!["personId"]!.GetValue<Guid>());
        Assert.Equal("died", (await (await staff.GetAsync($"{IntakeClient.Persons}/{last}")).OkObject()).Text("residentStatus"));
    }

    private static Task<HttpResponseMessage> PostCsv(HttpClient client, string text, string charset)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var encoding = charset == "shift_jis" ? Encoding.GetEncoding(932) : new UTF8Encoding(false);
        var content = new ByteArrayContent(encoding.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", $"text/csv; charset={charset}");
        return client.PostAsync(Import, content);
    }
}
