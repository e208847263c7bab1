using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>RightsAdvocacy's code tables, its audit trail (managers only) and its OpenAPI document.</summary>
[Collection(SystemCollection.Name)]
public sealed class CodesAndAuditTests(SystemFixture system)
{
    [Fact]
    public async Task The_codes_carry_japanese_labels()
    {
        var codes = await system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator).Read("/api/rights/codes");
        string Label(string table, string code) =>
            codes[table]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!["label"]!.GetValue<string>();

        Assert.Equal("市長申立", Label("petitioners", "mayor"));
        Assert.Equal("審判", Label("stages", "adjudicated"));
        Assert.Equal("保佐", Label("matterTypes", "curatorship"));
        Assert.Equal("市民後見人", Label("guardianKinds", "citizen"));
        Assert.Equal("日常的金銭管理", Label("dailyLifeServices", "daily_money_management"));
        Assert.Equal(["consultation", "preparing", "petitioned", "adjudicated", "started", "reporting", "ended"],
            codes["stages"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Managers_read_the_audit_trail_of_a_matter_and_nobody_else_does()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, _) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor" });
        await system.Gateway(tenant, JusouRoles.Coordinator, subject: "coordinator-1").Read($"{RightsClient.Matters}/{matter.Id()}");

        var trail = (await system.Gateway(tenant, JusouRoles.Manager).Read($"/api/rights/audit?recordId={matter.Id()}")).Items().ToList();
        Assert.Equal(["create", "read"], trail.Select(a => a.Text("action")));
        Assert.Equal("coordinator-1", trail[1].Text("subject"));
        Assert.Equal("coordinator", trail[1].Text("role"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/rights/audit?recordId={matter.Id()}")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints_with_examples()
    {
        var document = await system.Gateway(Tenants.Fresh(), JusouRoles.Integrator).Read("/api/rights/openapi/v1.json");
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
                 {
                     "/api/rights/matters", "/api/rights/matters/{id}/stage-changes", "/api/rights/citizen-guardians",
                     "/api/rights/daily-life-support/contracts", "/api/rights/reports/matters", "/api/rights/codes",
                 })
        {
            Assert.True(paths.ContainsKey(path), $"the document has {path}");
        }
        Assert.NotNull(document["components"]!["schemas"]!["StageChangeRequest"]!["examples"]);
    }
}
