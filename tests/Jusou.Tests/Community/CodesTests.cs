using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>Code tables with Japanese labels, and the service's own OpenAPI document.</summary>
[Collection(SystemCollection.Name)]
public sealed class CodesTests(SystemFixture system)
{
    [Fact]
    public async Task Every_code_table_has_japanese_labels()
    {
        var codes = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Integrator).GetAsync($"{Root}/codes")).OkObject();

        string Label(string table, string code) =>
            codes[table]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!["label"]!.GetValue<string>();
        Assert.Equal("委託", Label("deliveryMethods", "commissioned"));
        Assert.Equal("通いの場", Label("serviceKinds", "kayoi_no_ba"));
        Assert.Equal("地区", Label("areaLevels", "district"));
        Assert.Equal("民生委員・児童委員", Label("reporterKinds", "minsei_iin"));
        Assert.Equal("受理", Label("concernStatuses", "received_by_outreach"));
        Assert.Equal("クロス人材", Label("personKinds", "cross_talent"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.AnonymousGateway().GetAsync($"{Root}/codes")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_with_examples()
    {
        // through the gateway every /api/ path needs a token, the service's own document too
        var response = await system.Gateway(Tenants.Fresh(), JusouRoles.Integrator).GetAsync($"{Root}/openapi/v1.json");

        var document = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var operation in new[] { "ReportConcern", "FindServices", "ExportHsds", "ImportInaSample", "PlacesReport", "CreateArea" })
        {
            Assert.Contains($"\"operationId\": \"{operation}\"", document);
        }
        Assert.Contains("まちの縁側", document);

        // and the gateway's merged document carries them under names of their own
        var merged = await (await system.AnonymousGateway().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        Assert.Contains("\"/api/community/services\"", merged);
        Assert.Contains("\"CommunityPersonRequest\"", merged);
        Assert.Contains("\"CommunityServiceRequest\"", merged);
    }
}
