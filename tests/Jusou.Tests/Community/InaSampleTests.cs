using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>The Ina programme table (実施計画) as sample data: imported idempotently and searchable.</summary>
[Collection(SystemCollection.Name)]
public sealed class InaSampleTests(SystemFixture system)
{
    [Fact]
    public async Task The_imported_ina_table_answers_which_commissioned_programmes_for_the_elderly_cover_the_whole_city()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);

        var imported = await (await staff.PostAsync($"{Root}/imports/ina-sample", null)).OkObject();
        Assert.Equal(15, imported["programmesCreated"]!.GetValue<int>());
        Assert.Equal(20, imported["organisationsCreated"]!.GetValue<int>());
        Assert.Equal(3, imported["areasCreated"]!.GetValue<int>());

        var reader = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var found = await (await reader.GetAsync($"{Root}/services?method=commissioned&targetGroup=elderly&area=city")).OkObject();
        Assert.Equal(
            ["一般介護予防事業（イ～ナ介護支援ボランティアポイント事業）", "生活支援体制整備事業"],
            found.Items().Select(s => s.Text("name")).Order(StringComparer.Ordinal));
        Assert.All(found.Items(), s => Assert.Equal("福祉相談課", s.Text("department")));

        // 障害者等相談支援事業: 委託 to 長野県社会福祉事業団, run by きらりあ, for 上伊那圏域, 所管 社会福祉課
        var disability = Assert.Single((await (await reader.GetAsync($"{Root}/services?q=障害者等相談支援")).OkObject()).Items());
        Assert.Equal("kamiina", disability.Text("areaCode"));
        Assert.Equal("commissioned", disability.Text("deliveryMethod"));
        Assert.Equal("第1号のロ", disability.Text("statutoryClause"));
        Assert.Equal("障害者等", disability.Text("eligibilityDescription"));
        var kirari = await (await reader.GetAsync($"{Root}/organisations/{disability.Id("organisationId")}")).OkObject();
        Assert.Equal("上伊那圏域障がい者総合支援センターきらりあ", kirari.Text("name"));

        // the 基幹型 centre with its five branches
        var core = Assert.Single((await (await reader.GetAsync($"{Root}/organisations?kind=community_general_support_centre_core")).OkObject()).Items());
        var branches = (await (await reader.GetAsync($"{Root}/organisations?kind=community_general_support_centre_branch")).OkObject()).Items();
        Assert.Equal(5, branches.Count);
        Assert.All(branches, b => Assert.Equal(core.Id(), b.Id("parentOrganisationId")));
        Assert.Equal(15, await system.Events(tenant, "CommunityServicePublished"));
    }

    [Fact]
    public async Task Importing_again_changes_nothing_and_only_editors_import()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.PostAsync($"{Root}/imports/ina-sample", null)).OkObject();
        var before = await Sql.Count(system, Database, "SELECT sum(xmin::text::bigint) FROM services WHERE tenant_code = $1", tenant);

        var again = await (await staff.PostAsync($"{Root}/imports/ina-sample", null)).OkObject();

        Assert.Equal(0, again["programmesCreated"]!.GetValue<int>());
        Assert.Equal(0, again["organisationsCreated"]!.GetValue<int>());
        Assert.Equal(0, again["areasCreated"]!.GetValue<int>());
        Assert.Equal(38, again["unchanged"]!.GetValue<int>());
        Assert.Equal(15, await system.Rows("services", tenant));
        Assert.Equal(20, await system.Rows("organisations", tenant));
        Assert.Equal(before, await Sql.Count(system, Database, "SELECT sum(xmin::text::bigint) FROM services WHERE tenant_code = $1", tenant));
        Assert.Equal(15, await system.Events(tenant, "CommunityServicePublished"));

        var other = Tenants.Fresh();
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(other, JusouRoles.IntakeWorker).PostAsync($"{Root}/imports/ina-sample", null)).StatusCode);
        Assert.Equal(0, await system.Rows("services", other));
    }
}
