using Aspire.Hosting.Testing;
using Jusou.Tools.Demo;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.EndToEnd;

/// <summary>
/// `./jusou demo`'s loaders, run against the test system through the gateway as the demo runs them: what they load is
/// what a visitor is told to look at, and a second run adds nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DemoTests(SystemFixture system)
{
    private Jusou.Tools.Demo.Demo NewDemo() => new(system.App.GetEndpoint("gateway", "http"), system.SigningKey);

    [Fact]
    public async Task Tono_loads_its_areas_and_the_fiscal_year_2021_report_Tono_published_once()
    {
        var tenant = Tenants.Fresh();
        var demo = NewDemo();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "tono-coordinator", organisation: "tono-welfare-division");

        await Tono.LoadAsync(demo, tenant);

        var areas = (await coordinator.Read("/api/community/areas?pageSize=100")).Items();
        Assert.Equal(14, areas.Count);
        Assert.Equal(Tono.Areas.Select(a => a.Code).Order(StringComparer.Ordinal), areas.Select(a => a.Text("code")).Order(StringComparer.Ordinal));
        await AssertTonosReport(coordinator);
        await AssertTonosOutreachTargets(tenant, coordinator);

        await Tono.LoadAsync(demo, tenant);
        await AssertTonosOutreachTargets(tenant, coordinator);

        Assert.Equal(14, (await coordinator.Read("/api/community/areas?pageSize=100")).Items().Count);
        await AssertTonosReport(coordinator);
        Assert.Equal(TonoFiscalYear2021.Persons.Count, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1", tenant));
        Assert.Equal(TonoFiscalYear2021.Persons.Count, await Sql.Count(system, "intakedb", "SELECT count(*) FROM persons WHERE tenant_code = $1", tenant));
    }

    [Fact]
    public async Task The_dashboards_load_demo_data_command_loads_both_municipalities_and_a_second_run_adds_nothing()
    {
        var first = await system.App.ResourceCommands.ExecuteCommandAsync("gateway", "load-demo-data");
        Assert.True(first.Success, first.Message);

        var tono = system.Gateway(Tono.Tenant, JusouRoles.Coordinator, subject: "tono-coordinator", organisation: "tono-welfare-division");
        await AssertTonosReport(tono);
        var ina = system.Gateway(Ina.Tenant, JusouRoles.Coordinator, subject: "ina-kyodo-coordinator", organisation: Ina.CityWelfare);
        Assert.NotEmpty((await ina.Read("/api/community/services?method=commissioned&targetGroup=elderly&area=city")).Items());
        var inaCases = await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1", Ina.Tenant);
        Assert.True(inaCases > 0, "the 響働コーディネーター's case is loaded");

        var second = await system.App.ResourceCommands.ExecuteCommandAsync("gateway", "load-demo-data");
        Assert.True(second.Success, second.Message);
        Assert.Contains("already loaded", second.Message, StringComparison.Ordinal);
        Assert.Equal(TonoFiscalYear2021.Persons.Count, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1", Tono.Tenant));
        Assert.Equal(inaCases, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1", Ina.Tenant));
    }

    /// <summary>
    /// Decisions act: each 「アウトリーチ等継続的支援事業へ」 the year's meetings decided left Outreach with a target for that
    /// case — one each, however often the loader runs — shown on the case's timeline.
    /// </summary>
    private async Task AssertTonosOutreachTargets(string tenant, HttpClient coordinator)
    {
        var decided = await Sql.Strings(system, "multiagencydb",
            "SELECT case_id::text FROM meeting_items WHERE tenant_code = $1 AND decision = 'to_outreach'", tenant);
        Assert.Equal(TonoFiscalYear2021.Expected.Decisions["to_outreach"], decided.Count);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "tono-outreach");
        var targets = await Eventually.Get(async () => (await outreach.Read("/api/outreach/targets?source=meeting_decision&pageSize=100")).Items()
            is { Count: > 0 } found && found.Count >= decided.Count ? found : null, EndToEndClient.Hop, "Tono's outreach targets");
        Assert.Equal(decided.Order(StringComparer.Ordinal), targets.Select(t => t.Id("supportCaseId").ToString()).Order(StringComparer.Ordinal));
        foreach (var target in targets)
        {
            await Eventually.True(async () => (await coordinator.TimelineKinds(target.Id("supportCaseId"))).Contains("outreach_target_opened"),
                EndToEndClient.Hop, "the target on the case's timeline");
        }
    }

    private static async Task AssertTonosReport(HttpClient coordinator)
    {
        var report = await coordinator.Read("/api/multiagency/reports/case-conference?fiscalYear=2021");
        Assert.Equal(TonoFiscalYear2021.Expected.Meetings, report["meetings"]!.GetValue<int>());
        var streams = report.Items("streams").ToDictionary(s => s.Text("code"), s => (s["discussions"]!.GetValue<int>(), s["persons"]!.GetValue<int>()));
        Assert.Equal(TonoFiscalYear2021.Expected.MultiAgencyStream, streams["multi_agency"]);
        Assert.Equal(TonoFiscalYear2021.Expected.CaseSharingStream, streams["case_sharing"]);
    }

    [Fact]
    public async Task Ina_loads_its_programmes_and_a_coordinator_case_whose_plan_reaches_outreach_and_rights_once()
    {
        var tenant = Tenants.Fresh();
        var demo = NewDemo();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "ina-kyodo-coordinator", organisation: Ina.CityWelfare);
        var outreachWorker = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "ina-outreach");
        var rightsStaff = system.Gateway(tenant, JusouRoles.RightsStaff, subject: "ina-centre-staff", organisation: Ina.GuardianshipCentre);

        await Ina.LoadAsync(demo, tenant);

        // 委託 programmes for 高齢者 covering 市全域, as the directory tests know them.
        var programmes = (await coordinator.Read("/api/community/services?method=commissioned&targetGroup=elderly&area=city")).Items();
        Assert.Equal(["一般介護予防事業（イ～ナ介護支援ボランティアポイント事業）", "生活支援体制整備事業"],
            programmes.Select(s => s.Text("name")).Order(StringComparer.Ordinal));

        var supportCase = Assert.Single((await coordinator.Read("/api/multiagency/cases")).Items());
        var caseId = supportCase.Id();
        Assert.Equal("supporting", supportCase.Text("status"));
        var plan = Assert.Single((await coordinator.Read($"/api/multiagency/cases/{caseId}/plans")).Items());
        Assert.Equal("approved", plan.Text("status"));
        var actions = plan.Items("actions").ToDictionary(a => a.Text("kind"), a => a.Id("actionId"));
        Assert.Equal(["outreach", "participation", "rights"], actions.Keys.Order(StringComparer.Ordinal));

        var target = await outreachWorker.OutreachTargetFrom("plan_action", actions["outreach"]);
        Assert.Equal(caseId, target.Id("supportCaseId"));
        var matter = Assert.Single(await rightsStaff.RightsMattersOf(caseId));
        Assert.Equal(actions["rights"], matter.Id("sourceId"));

        var before = await Counts(tenant);
        await Ina.LoadAsync(demo, tenant);

        Assert.Single((await coordinator.Read("/api/multiagency/cases")).Items());
        Assert.Equal(before, await Counts(tenant));
    }

    /// <summary>What the Ina loader leaves behind in each service, to compare before and after a second run.</summary>
    private async Task<(long Areas, long Services, long Cases, long Plans, long Meetings, long Targets, long Matters)> Counts(string tenant) => (
        await Sql.Count(system, "communitydb", "SELECT count(*) FROM areas WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "communitydb", "SELECT count(*) FROM services WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM support_plans WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM meetings WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1", tenant),
        await Sql.Count(system, "rightsdb", "SELECT count(*) FROM guardianship_matters WHERE tenant_code = $1", tenant));
}
