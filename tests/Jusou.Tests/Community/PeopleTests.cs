using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>People resources: クロス人材, volunteers with ボランティアポイント, and the 協働リスト.</summary>
[Collection(SystemCollection.Name)]
public sealed class PeopleTests(SystemFixture system)
{
    [Fact]
    public async Task Cross_talent_is_found_by_field_and_skill_and_every_access_is_audited()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();

        var created = await staff.Post($"{Root}/people", new
        {
            kind = "cross_talent", name = "伊那 一郎", areaCode = "aozasa", fields = new[] { "commerce", "elderly_care" },
            skills = new[] { "傾聴", "配達" }, affiliation = "商店主", contact = "0265-00-0000",
        });
        var person = await created.CreatedObject();
        var id = person.Id();
        await (await staff.Post($"{Root}/people", new { kind = "volunteer", name = "長谷 花子", fields = new[] { "child_rearing" } })).CreatedObject();

        var byField = await (await staff.GetAsync($"{Root}/people?field=commerce")).OkObject();
        Assert.Equal([id], byField.Items().Select(p => p.Id()));
        var bySkill = await (await staff.GetAsync($"{Root}/people?skill=配達&kind=cross_talent")).OkObject();
        Assert.Equal([id], bySkill.Items().Select(p => p.Id()));
        var read = await staff.GetAsync($"{Root}/people/{id}");
        Assert.Equal("商店主", (await read.OkObject()).Text("affiliation"));

        var path = $"{Root}/people/{id}";
        var change = new { kind = "cross_talent", name = "伊那 一郎", areaCode = "aozasa", fields = new[] { "commerce" }, skills = new[] { "傾聴" } };
        await (await staff.Put(path, change, null)).AssertProblem((HttpStatusCode)428);
        await (await staff.Put(path, change, "\"3\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(["commerce"], (await (await staff.Put(path, change, read.ETagOf())).OkObject())["fields"].Strings());

        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(2, await system.AuditRows(tenant, id, "search"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "update"));
        // personal data: only the community's own staff and managers
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(Tenants.Fresh()).GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"x"}""", "kind")]
    [InlineData("""{"kind":"hero","name":"x"}""", "kind")]
    [InlineData("""{"kind":"volunteer"}""", "name")]
    [InlineData("""{"kind":"volunteer","name":"x","fields":["astrology"]}""", "fields")]
    [InlineData("""{"kind":"volunteer","name":"x","skills":[""]}""", "skills")]
    [InlineData("""{"kind":"volunteer","name":"x","areaCode":"atlantis"}""", "areaCode")]
    public async Task Invalid_people_are_400_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        await (await system.Staff(tenant).PostJson($"{Root}/people", body)).AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("community_people", tenant));
    }

    [Fact]
    public async Task Volunteer_points_add_up_once_per_key_and_only_for_volunteers()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var volunteer = (await (await staff.Post($"{Root}/people", new { kind = "volunteer", name = "高遠 次郎" })).CreatedObject()).Id();
        var talent = (await (await staff.Post($"{Root}/people", new { kind = "cross_talent", name = "西 三郎" })).CreatedObject()).Id();

        await (await staff.Post($"{Root}/people/{volunteer}/points", new { on = "2026-11-01", points = 2 }, idempotencyKey: "p-1")).CreatedObject();
        await (await staff.Post($"{Root}/people/{volunteer}/points", new { on = "2026-11-01", points = 2 }, idempotencyKey: "p-1")).CreatedObject();
        var total = await (await staff.Post($"{Root}/people/{volunteer}/points", new { on = "2026-11-08", points = 3 })).CreatedObject();

        Assert.Equal(5, total["volunteerPoints"]!.GetValue<int>());
        Assert.Equal(2, await system.Rows("volunteer_activities", tenant));
        await (await staff.Post($"{Root}/people/{volunteer}/points", new { on = "2026-11-08", points = 0 })).AssertProblem(HttpStatusCode.BadRequest, "points");
        await (await staff.Post($"{Root}/people/{talent}/points", new { on = "2026-11-08", points = 1 })).AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, await system.Rows("volunteer_activities", tenant));
        Assert.Equal(HttpStatusCode.NotFound,
            (await system.Staff(Tenants.Fresh()).Post($"{Root}/people/{volunteer}/points", new { on = "2026-11-08", points = 1 })).StatusCode);
    }

    [Fact]
    public async Task The_cooperation_list_names_organisations_by_the_fields_they_cover()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var shop = await staff.NewOrganisation("スーパーいな", "business");
        var npo = await staff.NewOrganisation("NPO法人つながり", "npo");

        var created = await staff.Post($"{Root}/cooperation", new { organisationId = shop, fields = new[] { "shopping_transport", "elderly_care" }, offer = "買い物の送迎", areaCode = "city" });
        var entry = await created.CreatedObject();
        await (await staff.Post($"{Root}/cooperation", new { organisationId = npo, fields = new[] { "employment" } })).CreatedObject();

        var reader = system.Gateway(tenant, JusouRoles.Coordinator);
        var shopping = await (await reader.GetAsync($"{Root}/cooperation?field=shopping_transport")).OkObject();
        Assert.Equal([shop], shopping.Items().Select(e => e.Id("organisationId")));

        await (await staff.Post($"{Root}/cooperation", new { organisationId = shop, fields = new[] { "disaster" } })).AssertProblem(HttpStatusCode.Conflict);
        await (await staff.Post($"{Root}/cooperation", new { organisationId = npo, fields = Array.Empty<string>() })).AssertProblem(HttpStatusCode.BadRequest, "fields");
        await (await staff.Post($"{Root}/cooperation", new { organisationId = Guid.NewGuid(), fields = new[] { "disaster" } })).AssertProblem(HttpStatusCode.BadRequest, "organisationId");
        Assert.Equal(2, await system.Rows("cooperation_entries", tenant));

        var path = $"{Root}/cooperation/{entry.Id()}";
        var pause = new { organisationId = shop, fields = new[] { "shopping_transport" }, active = false };
        await (await staff.Put(path, pause, null)).AssertProblem((HttpStatusCode)428);
        // The entry's Location answers a GET, with the ETag a change needs.
        Assert.Equal(path, created.Headers.Location?.OriginalString);
        using var read = await reader.GetAsync(path);
        Assert.Equal((entry.Id(), created.ETagOf()), ((await read.OkObject()).Id(), read.ETagOf()));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{Root}/cooperation/{Guid.CreateVersion7()}")).StatusCode);
        await (await staff.Put(path, pause, created.ETagOf())).OkObject();
        Assert.False((await (await reader.GetAsync(path)).OkObject())["active"]!.GetValue<bool>());
        Assert.Empty((await (await reader.GetAsync($"{Root}/cooperation?field=shopping_transport")).OkObject()).Items());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.Post($"{Root}/cooperation", new { organisationId = npo, fields = new[] { "disaster" } })).StatusCode);
    }
}
