using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

[Collection(SystemCollection.Name)]
public sealed class OpenApiTests(SystemFixture system)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_outreach_endpoints_with_examples()
    {
        var document = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Integrator).GetAsync("/api/outreach/openapi/v1.json")).OkObject();
        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
        {
            "/api/outreach/targets", "/api/outreach/targets/{id}", "/api/outreach/targets/{id}/stage",
            "/api/outreach/targets/{targetId}/contacts", "/api/outreach/targets/{targetId}/hand-offs",
            "/api/outreach/caseload", "/api/outreach/overdue", "/api/outreach/reports/targets", "/api/outreach/codes",
        })
        {
            Assert.True(paths.ContainsKey(path), $"missing {path}");
        }
        Assert.Contains("把握", paths["/api/outreach/targets"]!["post"]!["summary"]!.GetValue<string>());
        var request = document["components"]!["schemas"]!["ContactRequest"]!;
        Assert.Equal("visit", request["examples"]![0]!["method"]!.GetValue<string>());
    }
}
