using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>
/// The directory as an Open Referral HSDS 3.0 publication — the API reference's endpoints under /api/community/hsds and
/// the export — validated against the official HSDS 3.0 schemas (HsdsSchemas), and each field used for what HSDS
/// means by it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class HsdsExportTests(SystemFixture system)
{
    private const string Hsds = $"{Root}/hsds";

    [Fact]
    public async Task The_export_of_the_ina_directory_is_an_array_of_fully_nested_services_valid_against_the_hsds_schemas()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.PostAsync($"{Root}/imports/ina-sample", null)).OkObject();
        var shakyo = (await (await staff.GetAsync($"{Root}/organisations?q=伊那市社会福祉協議会&kind=social_welfare_council")).OkObject()).Items()[0].Id();
        var hall = (await (await staff.Post($"{Root}/locations", new
        {
            name = "福祉まちづくりセンター", organisationId = shakyo, address = "〒396-8617 長野県伊那市下新田3050", areaCode = "city", latitude = 35.83, longitude = 137.95,
        })).CreatedObject()).Id();
        var cafe = (await (await staff.Post($"{Root}/services", Programme(shakyo, "まちの縁側", locationIds: [hall]))).CreatedObject()).Id();

        var export = await (await system.Gateway(tenant, JusouRoles.Integrator).GetAsync($"{Root}/export/hsds")).OkArray();

        var errors = HsdsSchemas.Errors("service_package", export);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var services = export.Select(s => s!.AsObject()).ToList();
        Assert.Equal(16, services.Count);
        Assert.All(services, s => Assert.Equal(s.Text("organization_id"), s["organization"]!.AsObject().Text("id")));

        var served = services.Single(s => s.Id() == cafe);
        var link = Assert.Single(served["service_at_locations"]!.AsArray())!.AsObject();
        Assert.Equal(hall, link.Id("location_id"));
        var place = link["location"]!.AsObject();
        var address = Assert.Single(place["addresses"]!.AsArray())!.AsObject();
        Assert.Equal(("下新田3050", "伊那市", "長野県", "396-8617", "JP", "physical"),
            (address.Text("address_1"), address.Text("city"), address.Text("state_province"), address.Text("postal_code"), address.Text("country"), address.Text("address_type")));
        Assert.Null(place["description"]); // the address is in addresses, not in the description
        var schedule = Assert.Single(served["schedules"]!.AsArray())!.AsObject();
        Assert.Equal(("WEEKLY", "TU,FR", "10:00+09:00"), (schedule.Text("freq"), schedule.Text("byday"), schedule.Text("opens_at")));
        Assert.Equal("福祉相談課", Assert.Single(served["contacts"]!.AsArray())!.AsObject().Text("department"));

        // a service's project, kinds and target groups are attributes with their terms nested
        var volunteer = services.Single(s => s.Text("name") == "一般介護予防事業（イ～ナ介護支援ボランティアポイント事業）");
        Assert.Equal(65, volunteer["minimum_age"]!.GetValue<int>());
        var codes = volunteer["attributes"]!.AsArray().Select(a => a!.AsObject())
            .Where(a => a.Text("link_type") is "service_category" or "service_type" or "eligibility")
            .Select(a => a["taxonomy_term"]!.AsObject().Text("code"));
        Assert.Equal(["community_building", "elderly", "volunteer_activity"], codes.Order(StringComparer.Ordinal));
        Assert.Equal("伊那市全域", Assert.Single(volunteer["service_areas"]!.AsArray())!.AsObject().Text("name"));
    }

    [Fact]
    public async Task The_hsds_api_pages_services_and_organizations_and_answers_fully_nested_ones()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = (await (await staff.Post($"{Root}/organisations", new
        {
            name = "遠野市社会福祉協議会", kind = "social_welfare_council", corporateNumber = "7000012050002", phone = "0198-62-0000",
        })).CreatedObject()).Id();
        var centre = (await (await staff.Post($"{Root}/locations", new
        {
            name = "遠野市総合福祉センター", organisationId = organisation, address = "〒028-0524 岩手県遠野市新町2-7", areaCode = "city",
        })).CreatedObject()).Id();
        var hall = (await (await staff.Post($"{Root}/locations", new
        {
            name = "青笹地区センター", organisationId = organisation, address = "岩手県遠野市青笹町", areaCode = "aozasa",
        })).CreatedObject()).Id();
        var branch = (await (await staff.Post($"{Root}/locations", new
        {
            name = "箕輪町出張所", organisationId = organisation, address = "〒３９９－４６０１　長野県上伊那郡箕輪町中箕輪１０２９８",
        })).CreatedObject()).Id();
        var free = (await (await staff.Post($"{Root}/services", Programme(organisation, "まちの縁側", locationIds: [centre, hall]))).CreatedObject()).Id();
        var paid = JsonSerializer.SerializeToNode(Programme(organisation, "そば打ち教室", kinds: ["kayoi_no_ba"], targetGroups: ["elderly"]), Api.Json)!.AsObject();
        paid["paid"] = true;
        paid["feesDescription"] = "材料費 300円";
        var fee = (await (await staff.Post($"{Root}/services", paid)).CreatedObject()).Id();
        var third = (await (await staff.Post($"{Root}/services", Programme(organisation, "ふれあいサロン"))).CreatedObject()).Id();
        var integrator = system.Gateway(tenant, JusouRoles.Integrator);

        // the root: the HSDS version and where the OpenAPI document is
        var info = await (await integrator.GetAsync(Hsds)).OkObject();
        Assert.Empty(HsdsSchemas.Errors("api_info", info));
        Assert.Equal("3.0", info.Text("version"));
        Assert.EndsWith("/api/community/openapi/v1.json", info.Text("openapi_url"));

        // two pages of services
        var first = await (await integrator.GetAsync($"{Hsds}/services?per_page=2")).OkObject();
        var second = await (await integrator.GetAsync($"{Hsds}/services?per_page=2&page=2")).OkObject();
        var beyond = await (await integrator.GetAsync($"{Hsds}/services?per_page=2&page=3")).OkObject();
        foreach (var page in new[] { first, second, beyond })
        {
            var errors = HsdsSchemas.Errors("service_page", page);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        Assert.Equal((3, 2, 1, 2, true, false, false), Paging(first));
        Assert.Equal((3, 2, 2, 1, false, true, false), Paging(second));
        Assert.Equal((3, 2, 3, 0, false, true, true), Paging(beyond));
        Assert.Equal(new[] { free, fee, third }.Order(), first["contents"]!.AsArray().Concat(second["contents"]!.AsArray()).Select(s => s!.AsObject().Id()).Order());
        Assert.Equal("遠野市社会福祉協議会", first["contents"]![0]!["organization"]!["name"]!.GetValue<string>());

        // filters: text, organization and a taxonomy term (of the attributes a service carries)
        Assert.Equal(1, (await (await integrator.GetAsync($"{Hsds}/services?search=そば")).OkObject())["total_items"]!.GetValue<int>());
        Assert.Equal(3, (await (await integrator.GetAsync($"{Hsds}/services?organization_id={organisation}")).OkObject())["total_items"]!.GetValue<int>());

        // a fully nested service; a service without a recorded fee says nothing about fees
        var nested = await (await integrator.GetAsync($"{Hsds}/services/{free}")).OkObject();
        var invalid = HsdsSchemas.Errors("service", nested);
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
        Assert.Null(nested["fees_description"]);
        Assert.Equal("材料費 300円", (await (await integrator.GetAsync($"{Hsds}/services/{fee}")).OkObject()).Text("fees_description"));
        var owner = nested["organization"]!.AsObject();
        Assert.Null(owner["legal_status"]); // the kind of organisation is an attribute, not its legal status
        var kind = Assert.Single(owner["attributes"]!.AsArray())!.AsObject();
        Assert.Equal(("organization_type", "organization", "social_welfare_council", "社会福祉協議会"),
            (kind.Text("link_type"), kind.Text("link_entity"), kind["taxonomy_term"]!.AsObject().Text("code"), kind["taxonomy_term"]!.AsObject().Text("name")));
        var identifier = Assert.Single(owner["organization_identifiers"]!.AsArray())!.AsObject();
        Assert.Equal(("JP-JCN", "7000012050002"), (identifier.Text("identifier_scheme"), identifier.Text("identifier")));
        Assert.Equal("0198-62-0000", Assert.Single(owner["phones"]!.AsArray())!.AsObject().Text("number"));
        var places = nested["service_at_locations"]!.AsArray().Select(l => l!["location"]!.AsObject()).ToDictionary(l => l.Id());
        Assert.Equal(("新町2-7", "遠野市", "岩手県", "028-0524"), Parts(Assert.Single(places[centre]["addresses"]!.AsArray())!.AsObject()));
        // an address recorded without a postal code cannot be an HSDS address: it is not made into one
        Assert.Null(places[hall]["addresses"]);
        Assert.Equal("所在地: 岩手県遠野市青笹町", places[hall].Text("description"));

        var elderly = (await (await integrator.GetAsync($"{Hsds}/services/{fee}")).OkObject())["attributes"]!.AsArray()
            .Select(a => a!["taxonomy_term"]!.AsObject()).Single(t => t.Text("code") == "elderly").Text("id");
        var byTerm = await (await integrator.GetAsync($"{Hsds}/services?taxonomy_term_id={elderly}")).OkObject();
        Assert.Equal([fee], byTerm["contents"]!.AsArray().Select(s => s!.AsObject().Id()));

        // organizations: a page of their own fields, and one fully nested with its places and services
        var organisations = await (await integrator.GetAsync($"{Hsds}/organizations?per_page=1")).OkObject();
        Assert.Empty(HsdsSchemas.Errors("organization_page", organisations));
        Assert.Equal((1, 1, 1, 1, true, true, false), Paging(organisations));
        var full = await (await integrator.GetAsync($"{Hsds}/organizations/{organisation}")).OkObject();
        var fullErrors = HsdsSchemas.Errors("organization", full);
        Assert.True(fullErrors.Count == 0, string.Join("\n", fullErrors));
        Assert.Equal(3, full["services"]!.AsArray().Count);
        var owned = full["locations"]!.AsArray().Select(l => l!.AsObject()).ToDictionary(l => l.Id());
        Assert.Equal(3, owned.Count);
        // a 郡 goes with its 町 or 村; full-width digits are read as digits
        Assert.Equal(("中箕輪10298", "上伊那郡箕輪町", "長野県", "399-4601"), Parts(Assert.Single(owned[branch]["addresses"]!.AsArray())!.AsObject()));
        Assert.All(full["services"]!.AsArray(), s => Assert.Empty(HsdsSchemas.Errors("service", s!)));
    }

    [Fact]
    public async Task Bad_paging_is_a_400_and_another_municipality_s_records_are_404s()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();
        var service = (await (await staff.Post($"{Root}/services", Programme(organisation))).CreatedObject()).Id();

        await (await staff.GetAsync($"{Hsds}/services?page=0")).AssertProblem(HttpStatusCode.BadRequest, "page");
        await (await staff.GetAsync($"{Hsds}/services?per_page=0")).AssertProblem(HttpStatusCode.BadRequest, "per_page");
        await (await staff.GetAsync($"{Hsds}/organizations?per_page=501")).AssertProblem(HttpStatusCode.BadRequest, "per_page");
        await (await staff.GetAsync($"{Hsds}/services?page=two")).AssertProblem(HttpStatusCode.BadRequest);
        await (await staff.GetAsync($"{Hsds}/services/{Guid.CreateVersion7()}")).AssertProblem(HttpStatusCode.NotFound);

        var elsewhere = system.Gateway(Tenants.Fresh(), JusouRoles.Integrator);
        await (await elsewhere.GetAsync($"{Hsds}/services/{service}")).AssertProblem(HttpStatusCode.NotFound);
        await (await elsewhere.GetAsync($"{Hsds}/organizations/{organisation}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await elsewhere.GetAsync($"{Hsds}/services")).OkObject())["total_items"]!.GetValue<int>());
        Assert.Empty(await (await elsewhere.GetAsync($"{Root}/export/hsds")).OkArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.AnonymousGateway().GetAsync($"{Root}/export/hsds")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.AnonymousGateway().GetAsync($"{Hsds}/services")).StatusCode);
    }

    [Fact]
    public async Task The_validator_rejects_a_service_that_breaks_the_hsds_schema()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();
        var place = (await (await staff.Post($"{Root}/locations", new { name = "青笹地区センター", address = "〒028-0541 岩手県遠野市青笹町糠前1-1" })).CreatedObject()).Id();
        var id = (await (await staff.Post($"{Root}/services", Programme(organisation, locationIds: [place]))).CreatedObject()).Id();
        var service = await (await staff.GetAsync($"{Hsds}/services/{id}")).OkObject();
        Assert.Empty(HsdsSchemas.Errors("service", service));

        service.Remove("name");
        service["status"] = "open";
        service["minimum_age"] = "three";
        service["last_modified"] = "yesterday";
        service["service_at_locations"]![0]!["location"]!["addresses"]![0]!.AsObject().Remove("postal_code");
        var errors = HsdsSchemas.Errors("service", service);
        Assert.Contains(errors, e => e.Contains("required") && e.Contains("name"));
        Assert.Contains(errors, e => e.Contains("/status") && e.Contains("enum"));
        Assert.Contains(errors, e => e.Contains("/minimum_age") && e.Contains("type"));
        Assert.Contains(errors, e => e.Contains("/last_modified") && e.Contains("format"));
        Assert.Contains(errors, e => e.Contains("/addresses/0") && e.Contains("postal_code"));
    }

    private static (int Items, int Pages, int Number, int Size, bool First, bool Last, bool Empty) Paging(JsonObject page) => (
        page["total_items"]!.GetValue<int>(), page["total_pages"]!.GetValue<int>(), page["page_number"]!.GetValue<int>(), page["size"]!.GetValue<int>(),
        page["first_page"]!.GetValue<bool>(), page["last_page"]!.GetValue<bool>(), page["empty"]!.GetValue<bool>());

    private static (string, string, string, string) Parts(JsonObject address) =>
        (address.Text("address_1"), address.Text("city"), address.Text("state_province"), address.Text("postal_code"));
}
