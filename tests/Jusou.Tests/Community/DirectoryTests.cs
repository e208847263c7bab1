using System.Net;
using Jusou.Contracts.CommunityResources;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>The directory (HSDS): organisations, locations, programmes; search; the events Participation consumes.</summary>
[Collection(SystemCollection.Name)]
public sealed class DirectoryTests(SystemFixture system)
{
    [Fact]
    public async Task Organisations_have_branches_under_a_core_centre_and_change_with_if_match()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var core = await staff.NewOrganisation("地域包括支援センター(基幹型)", "community_general_support_centre_core");

        var branchResponse = await staff.Post($"{Root}/organisations", new
        {
            name = "みすず地域包括支援センター", kind = "community_general_support_centre_branch", parentOrganisationId = core, areaCode = "east",
            code = "houkatsu-misuzu",
        });
        var branch = await branchResponse.CreatedObject();
        Assert.Equal(core, branch.Id("parentOrganisationId"));
        var path = $"{Root}/organisations/{branch.Id()}";
        var change = new { name = "みすず地域包括支援センター(ブランチ)", kind = "community_general_support_centre_branch", parentOrganisationId = core, areaCode = "east" };

        await (await staff.Put(path, change, null)).AssertProblem((HttpStatusCode)428);
        await (await staff.Put(path, change, "\"7\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("みすず地域包括支援センター(ブランチ)", (await (await staff.Put(path, change, branchResponse.ETagOf())).OkObject()).Text("name"));

        var found = await (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync($"{Root}/organisations?q=みすず")).OkObject();
        Assert.Equal([branch.Id()], found.Items().Select(o => o.Id()));
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(Tenants.Fresh()).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.OutreachWorker).Put(path, change, branchResponse.ETagOf())).StatusCode);
    }

    [Theory]
    [InlineData("""{"code":"x-org","kind":"npo"}""", "name")]
    [InlineData("""{"code":"x-org","name":"x","kind":"club"}""", "kind")]
    [InlineData("""{"code":"x-org","name":"x","kind":"npo","areaCode":"atlantis"}""", "areaCode")]
    [InlineData("""{"code":"x-org","name":"x","kind":"npo","parentOrganisationId":"0190d2a4-0000-7000-8000-000000000001"}""", "parentOrganisationId")]
    [InlineData("""{"code":"x-org","name":"x","kind":"npo","website":"not a url"}""", "website")]
    public async Task Invalid_organisations_are_400_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        await (await system.Staff(tenant).PostJson($"{Root}/organisations", body)).AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("organisations", tenant));
    }

    [Fact]
    public async Task Locations_are_places_of_an_organisation_in_an_area()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();

        var created = await staff.Post($"{Root}/locations", new
        {
            name = "青笹地区センター", organisationId = organisation, address = "岩手県遠野市青笹町", areaCode = "aozasa", latitude = 39.33, longitude = 141.58,
        });
        var location = await created.CreatedObject();
        var listed = await (await staff.GetAsync($"{Root}/locations?area=aozasa")).OkObject();
        Assert.Equal([location.Id()], listed.Items().Select(l => l.Id()));

        var moved = await staff.Put($"{Root}/locations/{location.Id()}", new { name = "青笹地区センター(新館)", areaCode = "aozasa" }, created.ETagOf());
        Assert.Equal("青笹地区センター(新館)", (await moved.OkObject()).Text("name"));

        await (await staff.Post($"{Root}/locations", new { name = "海の上", latitude = 123.0 })).AssertProblem(HttpStatusCode.BadRequest, "latitude");
        Assert.Equal(1, await system.Rows("locations", tenant));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await system.Gateway(tenant, JusouRoles.IntakeWorker).Post($"{Root}/locations", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task Publishing_changing_and_withdrawing_a_place_announce_events_with_increasing_versions()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();
        var hall = (await (await staff.Post($"{Root}/locations", new { name = "公民館", areaCode = "aozasa" })).CreatedObject()).Id();

        var created = await staff.Post($"{Root}/services",
            Programme(organisation, "青笹の居場所", "aozasa", kinds: ["ibasho", "work_experience"], participationCapable: true, locationIds: [hall]));
        var service = await created.CreatedObject();
        var id = service.Id();
        Assert.Equal($"{Root}/services/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal([hall], service["locationIds"]!.AsArray().Select(l => l!.GetValue<Guid>()));
        Assert.Equal("TU,FR", service["schedules"]![0]!["byDay"]!.GetValue<string>());
        Assert.Equal(1, await Published(tenant, id, version: 1, participationCapable: true, location: hall));
        Assert.Single(await Events.Published<CommunityServicePublished>(system, Database,
            e => e.ServiceId == id && new[] { "community_building", "ibasho", "work_experience" }.All(e.TaxonomyCodes.Contains)));

        var path = $"{Root}/services/{id}";
        var change = Programme(organisation, "青笹の居場所", "aozasa", kinds: ["ibasho"], participationCapable: false, locationIds: [hall]);
        await (await staff.Put(path, change, null)).AssertProblem((HttpStatusCode)428);
        await (await staff.Put(path, change, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        var changed = await staff.Put(path, change, created.ETagOf());
        Assert.Equal(2, (await changed.OkObject())["publicationVersion"]!.GetValue<long>());
        Assert.Equal(1, await Published(tenant, id, version: 2, participationCapable: false, location: hall));
        await (await staff.Put(path, change, created.ETagOf())).AssertProblem(HttpStatusCode.PreconditionFailed);

        var withdrawn = await (await staff.PostAsync($"{path}/withdraw", null)).OkObject();
        Assert.Equal("withdrawn", withdrawn.Text("status"));
        Assert.Equal(3, Assert.Single(await Events.Published<CommunityServiceWithdrawn>(system, Database, e => e.ServiceId == id)).Version);
        await (await staff.PostAsync($"{path}/withdraw", null)).AssertProblem(HttpStatusCode.Conflict);
        await (await staff.Put(path, change, changed.ETagOf())).AssertProblem(HttpStatusCode.Conflict);
        // withdrawn places leave the default search but stay readable
        Assert.Empty((await (await staff.GetAsync($"{Root}/services?area=aozasa")).OkObject()).Items());
        Assert.Single((await (await staff.GetAsync($"{Root}/services?area=aozasa&status=withdrawn")).OkObject()).Items());
    }

    private async Task<int> Published(string tenant, Guid service, int version, bool participationCapable, Guid location) =>
        (await Events.Published<CommunityServicePublished>(system, Database, e => e.TenantCode == tenant && e.ServiceId == service
            && e.Version == version && e.ParticipationCapable == participationCapable && e.LocationId == location && e.AreaCode == "aozasa")).Count;

    public static TheoryData<string, string> InvalidProgrammes => new()
    {
        { """{"name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city"}""", "organisationId" },
        { """{"organisationId":"@org","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city"}""", "name" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"charity","deliveryMethod":"direct","areaCode":"city"}""", "statutoryProject" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"outsourced","areaCode":"city"}""", "deliveryMethod" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"mars"}""", "areaCode" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city","kinds":["casino"]}""", "kinds" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city","targetGroups":["cats"]}""", "targetGroups" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city","minimumAge":70,"maximumAge":60}""", "maximumAge" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city","locationIds":["0190d2a4-0000-7000-8000-000000000001"]}""", "locationIds" },
        { """{"organisationId":"@org","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city","schedules":[{"freq":"DAILY"}]}""", "schedules" },
        { """{"organisationId":"0190d2a4-0000-7000-8000-000000000001","name":"x","statutoryProject":"community_building","deliveryMethod":"direct","areaCode":"city"}""", "organisationId" },
    };

    [Theory]
    [MemberData(nameof(InvalidProgrammes))]
    public async Task Invalid_programmes_are_400_naming_the_field_and_nothing_is_stored_or_announced(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();

        var response = await staff.PostJson($"{Root}/services", body.Replace("@org", organisation.ToString()));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("services", tenant));
        Assert.Equal(0, await system.Events(tenant, "CommunityServicePublished"));
    }

    [Fact]
    public async Task The_directory_is_searched_by_area_target_group_method_kind_participation_and_text()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();
        async Task<Guid> Publish(object programme) => (await (await staff.Post($"{Root}/services", programme)).CreatedObject()).Id();
        var salon = await Publish(Programme(organisation, "ふれあいサロン", "aozasa", "subsidised", ["kayoi_no_ba"], ["elderly"]));
        var work = await Publish(Programme(organisation, "いなぷちバイト", "city", "commissioned", ["work_experience"], ["all"], participationCapable: true));
        var cafeteria = await Publish(Programme(organisation, "子ども食堂", "city", "direct", ["childrens_cafeteria"], ["children", "poverty"]));

        var reader = system.Gateway(tenant, JusouRoles.AgencyStaff);
        async Task<IEnumerable<Guid>> Find(string query) =>
            (await (await reader.GetAsync($"{Root}/services?{query}")).OkObject()).Items().Select(s => s.Id());

        Assert.Equal([salon, work, cafeteria], await Find(""));
        Assert.Equal([salon], await Find("area=aozasa"));
        Assert.Equal([cafeteria], await Find("targetGroup=poverty"));
        Assert.Equal([work], await Find("method=commissioned"));
        Assert.Equal([salon], await Find("kind=kayoi_no_ba"));
        Assert.Equal([work], await Find("participationCapable=true"));
        Assert.Equal([cafeteria], await Find("q=食堂"));
        Assert.Equal([work, cafeteria], await Find("area=city&project=community_building"));
        Assert.Equal([salon, work, cafeteria], await Find("area=city&withinArea=true"));
        Assert.Equal([salon], await Find("area=east&withinArea=true"));
        Assert.Empty(await Find("q=100%25"));
        Assert.Equal([salon], await Find("pageSize=1"));
        await (await reader.GetAsync($"{Root}/services?targetGroup=cats")).AssertProblem(HttpStatusCode.BadRequest, "targetGroup");
        Assert.Empty((await (await system.Staff(Tenants.Fresh()).GetAsync($"{Root}/services")).OkObject()).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(Tenants.Fresh()).GetAsync($"{Root}/services/{salon}")).StatusCode);
    }

    [Fact]
    public async Task Only_directory_editors_publish_and_a_repeated_key_publishes_once()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();

        Assert.Equal(HttpStatusCode.Forbidden,
            (await system.Gateway(tenant, JusouRoles.Coordinator).Post($"{Root}/services", Programme(organisation))).StatusCode);
        var first = await staff.Post($"{Root}/services", Programme(organisation), idempotencyKey: "svc-1");
        var again = await staff.Post($"{Root}/services", Programme(organisation), idempotencyKey: "svc-1");

        Assert.Equal((await first.CreatedObject()).Id(), (await again.CreatedObject()).Id());
        Assert.Equal(1, await system.Rows("services", tenant));
        Assert.Equal(1, await system.Events(tenant, "CommunityServicePublished"));
    }
}
