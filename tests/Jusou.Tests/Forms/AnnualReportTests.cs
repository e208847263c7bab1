using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.Tools.Demo;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Forms;

/// <summary>
/// The annual 実績報告, gathered by the gateway from every service: the Ina demo's year gives back exactly what the demo
/// stored (counted here in each service's database), set against the targets of the 実施計画; a service that does not
/// answer fails the whole report, naming it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AnnualReportTests(SystemFixture system)
{
    private const string Annual = "/api/reports/annual";

    // CommunityResources' place kinds (CommunityCodes.PlaceKinds): the services counted as 拠点.
    private static readonly string[] PlaceKinds = ["ibasho", "kayoi_no_ba", "care_prevention_class", "work_experience", "childcare_hub", "activity_centre", "childrens_cafeteria"];

    [Fact]
    public async Task The_Ina_demos_year_gives_the_counts_of_what_the_demo_loaded_against_the_plans_targets()
    {
        var tenant = Tenants.Fresh();
        await Ina.LoadAsync(new Jusou.Tools.Demo.Demo(system.App.GetEndpoint("gateway", "http"), system.SigningKey), tenant);
        // The approved plan's actions reach Outreach and RightsAdvocacy as events.
        await Eventually.True(async () => await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1", tenant) > 0
            && await Sql.Count(system, "rightsdb", "SELECT count(*) FROM guardianship_matters WHERE tenant_code = $1", tenant) > 0,
            TimeSpan.FromSeconds(60), "the plan's actions reached Outreach and RightsAdvocacy");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var year = today.Month >= 4 ? today.Year : today.Year - 1;
        var (from, to) = (new DateOnly(year, 4, 1), new DateOnly(year + 1, 3, 31));
        var (start, end) = (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime(),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).ToUniversalTime());

        var manager = system.Gateway(tenant, JusouRoles.Manager, subject: "ina-manager");
        var targets = await manager.PutAsJsonAsync($"/api/community/plan-targets/{year}", new { targets = new { consultations = 4, support_plans = 2, community_places = 10 } });
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);

        var expected = new Dictionary<string, long>
        {
            ["consultations"] = await Sql.Count(system, "intakedb", "SELECT count(*) FROM consultations WHERE tenant_code = $1 AND received_at >= $2 AND received_at < $3", tenant, start, end),
            ["support_plans"] = await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_plans WHERE tenant_code = $1 AND approved_on BETWEEN $2 AND $3", tenant, from, to),
            ["support_meetings"] = await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meetings WHERE tenant_code = $1 AND type = 'support_meeting' AND date BETWEEN $2 AND $3", tenant, from, to),
            ["multi_layered_support_meetings"] = await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meetings WHERE tenant_code = $1 AND type = 'multi_layered_support_meeting' AND date BETWEEN $2 AND $3", tenant, from, to),
            ["participation_participants"] = await Sql.Count(system, "participationdb", "SELECT count(DISTINCT coalesce(r.person_id, r.id)) FROM placements p JOIN participation_requests r ON r.id = p.request_id WHERE p.tenant_code = $1 AND p.started_on <= $3 AND (p.ended_on IS NULL OR p.ended_on >= $2)", tenant, from, to),
            ["participation_hosts"] = await Sql.Count(system, "participationdb", "SELECT count(DISTINCT o.host_organisation_code) FROM placements p JOIN opportunities o ON o.id = p.opportunity_id WHERE p.tenant_code = $1 AND p.started_on <= $3 AND (p.ended_on IS NULL OR p.ended_on >= $2)", tenant, from, to),
            ["outreach_targets"] = await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1 AND identified_on BETWEEN $2 AND $3", tenant, from, to),
            ["community_places"] = await Sql.Count(system, "communitydb", "SELECT count(*) FROM services WHERE tenant_code = $1 AND status = 'active' AND kinds && $2", tenant, PlaceKinds),
            ["community_participants"] = await Sql.Count(system, "communitydb", "SELECT coalesce(sum(c.participants), 0) FROM participant_counts c JOIN services s ON s.id = c.service_id WHERE c.tenant_code = $1 AND s.status = 'active' AND s.kinds && $2 AND c.month BETWEEN $3 AND $4", tenant, PlaceKinds, from, to),
            ["community_organisations"] = await Sql.Count(system, "communitydb", "SELECT count(DISTINCT organisation_id) FROM cooperation_entries WHERE tenant_code = $1 AND active", tenant),
            ["rights_matters"] = await Sql.Count(system, "rightsdb", "SELECT count(*) FROM guardianship_matters WHERE tenant_code = $1 AND opened_on BETWEEN $2 AND $3", tenant, from, to),
        };
        Assert.Equal(1, expected["consultations"]);
        Assert.Equal(1, expected["support_plans"]);
        Assert.True(expected["community_places"] > 0, "the programme table has places");

        var report = await (await manager.GetAsync($"{Annual}?fiscalYear={year}")).OkObject();
        Assert.Equal(year, report["fiscalYear"]!.GetValue<int>());
        Assert.StartsWith("令和", report.Text("fiscalYearLabel"));
        var indicators = report["indicators"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => i.Text("code"));
        Assert.Equal(expected.Keys.Order(), indicators.Keys.Order());
        foreach (var (code, count) in expected) Assert.True(count == indicators[code]["value"]!.GetValue<long>(), $"{code}: expected {count}, reported {indicators[code]["value"]}");
        // The consultation came from the 地域包括支援センター about 8050: the breakdowns say so.
        var consultations = indicators["consultations"]["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(1, consultations.Single(r => r.Text("group") == "相談経路" && r.Text("code") == "community_general_support_centre")["count"]!.GetValue<long>());
        Assert.Equal(1, consultations.Single(r => r.Text("group") == "相談内容(主なもの)" && r.Text("code") == "8050")["count"]!.GetValue<long>());
        // Against the targets: 1 of 4 consultations is 25%; an indicator without a target has none.
        Assert.Equal(4, indicators["consultations"]["target"]!.GetValue<long>());
        Assert.Equal(25.0, indicators["consultations"]["achievement"]!.GetValue<double>());
        Assert.Null(indicators["rights_matters"]["target"]);

        // CSV (UTF-8 with BOM, or Shift_JIS) and print carry the same figures.
        var csv = await manager.GetAsync($"{Annual}?fiscalYear={year}&format=csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("包括的相談支援事業,consultations,相談受付件数(件),1,4,25", text);
        var sjis = await manager.GetAsync($"{Annual}?fiscalYear={year}&format=csv&encoding=shift_jis");
        Assert.Equal("shift_jis", sjis.Content.Headers.ContentType?.CharSet);
        Assert.Contains("包括的相談支援事業,consultations,相談受付件数(件),1,4,25",
            CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetString(await sjis.Content.ReadAsByteArrayAsync()));
        var printed = await system.PrintInBrowser(manager, $"{Annual}?fiscalYear={year}&format=html", "annual-report");
        Printing.AssertPrinted(printed, "実績報告", "相談受付件数", "支援プラン作成件数", "地域づくり拠点数");
    }

    [Fact]
    public async Task Targets_are_set_per_year_changed_with_If_Match_and_refused_for_unknown_indicators()
    {
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        const string Targets = "/api/community/plan-targets/2026";

        var empty = await (await manager.GetAsync(Targets)).OkObject();
        Assert.Empty(empty["targets"]!.AsObject());
        var set = await manager.PutAsJsonAsync(Targets, new { targets = new { consultations = 300 } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var change = new HttpRequestMessage(HttpMethod.Put, Targets) { Content = JsonContent.Create(new { targets = new { consultations = 320, rights_matters = 12 } }) };
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await manager.SendAsync(change)).StatusCode);
        var changed = await manager.Send(HttpMethod.Put, Targets, new { targets = new { consultations = 320, rights_matters = 12 } }, set.ETagOf());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await (await manager.GetAsync(Targets)).OkObject();
        Assert.Equal(320, read["targets"]!["consultations"]!.GetValue<long>());
        Assert.Equal(12, read["targets"]!["rights_matters"]!.GetValue<long>());
        Assert.Empty((await (await manager.GetAsync("/api/community/plan-targets/2027")).OkObject())["targets"]!.AsObject());

        await (await manager.Send(HttpMethod.Put, Targets, new { targets = new { kaigi = 3 } }, changed.ETagOf()))
            .AssertProblem(HttpStatusCode.BadRequest, "targets.kaigi");
        await (await manager.Send(HttpMethod.Put, Targets, new { targets = new { consultations = -1 } }, changed.ETagOf()))
            .AssertProblem(HttpStatusCode.BadRequest, "targets.consultations");
        Assert.Equal(320, (await (await manager.GetAsync(Targets)).OkObject())["targets"]!["consultations"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker).PutAsJsonAsync(Targets, new { targets = new { consultations = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator).GetAsync(Annual)).StatusCode);
        await (await manager.GetAsync($"{Annual}?fiscalYear=1999")).AssertProblem(HttpStatusCode.BadRequest, "fiscalYear");
        await (await manager.GetAsync($"{Annual}?format=xlsx")).AssertProblem(HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task A_service_that_does_not_answer_fails_the_whole_report_naming_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);
        await system.StopResource("rights", timeout.Token);
        try
        {
            var response = await manager.GetAsync($"{Annual}?fiscalYear=2026");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var problem = await response.ReadObject();
            Assert.Equal(["rights"], problem["services"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.DoesNotContain("indicators", problem.ToJsonString());
        }
        finally
        {
            await system.StartResource("rights", timeout.Token);
            await system.WaitForSystemHealthy(timeout.Token);
        }
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"{Annual}?fiscalYear=2026")).StatusCode);
    }
}
