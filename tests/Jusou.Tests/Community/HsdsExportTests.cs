using System.Net;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>The directory exported as Open Referral HSDS 3.0 JSON, validated against our HSDS 3.0 schema (HsdsSchemas).</summary>
[Collection(SystemCollection.Name)]
public sealed class HsdsExportTests(SystemFixture system)
{
    private static readonly (string Array, string Table)[] Tables =
    [
        ("organizations", "organization"), ("services", "service"), ("locations", "location"),
        ("service_at_locations", "service_at_location"), ("schedules", "schedule"), ("service_areas", "service_area"),
        ("taxonomies", "taxonomy"), ("taxonomy_terms", "taxonomy_term"), ("attributes", "attribute"),
    ];

    [Fact]
    public async Task The_export_of_the_ina_directory_validates_against_the_hsds_schemas_and_links_up()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.PostAsync($"{Root}/imports/ina-sample", null)).OkObject();
        var shakyo = (await (await staff.GetAsync($"{Root}/organisations?q=伊那市社会福祉協議会&kind=social_welfare_council")).OkObject()).Items()[0].Id();
        var hall = (await (await staff.Post($"{Root}/locations", new
        {
            name = "福祉まちづくりセンター", organisationId = shakyo, address = "長野県伊那市", areaCode = "city", latitude = 35.83, longitude = 137.95,
        })).CreatedObject()).Id();
        var cafe = (await (await staff.Post($"{Root}/services", Programme(shakyo, "まちの縁側", locationIds: [hall]))).CreatedObject()).Id();

        var export = await (await system.Gateway(tenant, JusouRoles.Integrator).GetAsync($"{Root}/export/hsds")).OkObject();

        Assert.Equal("3.0", export.Text("hsds_version"));
        var errors = Tables.SelectMany(t => export[t.Array]!.AsArray().SelectMany(item => HsdsSchemas.Errors(t.Table, item!))).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var services = Rows(export, "services");
        Assert.Equal(16, services.Count);
        Assert.Equal(20, Rows(export, "organizations").Count);
        var organisations = Rows(export, "organizations").Select(o => o.Text("id")).ToHashSet();
        Assert.All(services, s => Assert.Contains(s.Text("organization_id"), organisations));
        var link = Assert.Single(Rows(export, "service_at_locations"));
        Assert.Equal((cafe.ToString(), hall.ToString()), (link.Text("service_id"), link.Text("location_id")));
        var schedule = Assert.Single(Rows(export, "schedules"));
        Assert.Equal(("WEEKLY", "TU,FR", "10:00+09:00"), (schedule.Text("freq"), schedule.Text("byday"), schedule.Text("opens_at")));

        // each service's project, kinds and target groups are attributes pointing at exported terms
        var terms = Rows(export, "taxonomy_terms").ToDictionary(t => t.Text("id"), t => t.Text("code"));
        var volunteer = services.Single(s => s.Text("name") == "一般介護予防事業（イ～ナ介護支援ボランティアポイント事業）");
        Assert.Equal(65, volunteer["minimum_age"]!.GetValue<int>());
        var codes = Rows(export, "attributes").Where(a => a.Text("link_id") == volunteer.Text("id")).Select(a => terms[a.Text("taxonomy_term_id")]);
        Assert.Equal(["community_building", "elderly", "volunteer_activity"], codes.Order(StringComparer.Ordinal));
        var area = Rows(export, "service_areas").Single(a => a.Text("service_id") == volunteer.Text("id"));
        Assert.Equal("伊那市全域", area.Text("name"));
    }

    [Fact]
    public async Task The_validator_rejects_a_row_that_breaks_the_schema_and_other_municipalities_export_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        await (await staff.Post($"{Root}/services", Programme(await staff.NewOrganisation()))).CreatedObject();
        var export = await (await staff.GetAsync($"{Root}/export/hsds")).OkObject();

        var service = Rows(export, "services")[0].DeepClone().AsObject();
        Assert.Empty(HsdsSchemas.Errors("service", service));
        service.Remove("name");
        service["status"] = "open";
        service["minimum_age"] = "three";
        var errors = HsdsSchemas.Errors("service", service);
        Assert.Contains(errors, e => e.Contains("required") && e.Contains("name"));
        Assert.Contains(errors, e => e.Contains("/status") && e.Contains("enum"));
        Assert.Contains(errors, e => e.Contains("/minimum_age") && e.Contains("type"));

        var elsewhere = await (await system.Staff(Tenants.Fresh()).GetAsync($"{Root}/export/hsds")).OkObject();
        Assert.Empty(Rows(elsewhere, "services"));
        Assert.Empty(Rows(elsewhere, "organizations"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.AnonymousGateway().GetAsync($"{Root}/export/hsds")).StatusCode);
    }

    private static List<JsonObject> Rows(JsonObject export, string array) => export[array]!.AsArray().Select(i => i!.AsObject()).ToList();
}
