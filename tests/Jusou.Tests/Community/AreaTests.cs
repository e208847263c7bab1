using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>Areas: 市全域 &gt; 日常生活圏域 &gt; 地区, by code, per municipality.</summary>
[Collection(SystemCollection.Name)]
public sealed class AreaTests(SystemFixture system)
{
    [Fact]
    public async Task A_hierarchy_of_city_daily_life_area_and_districts_is_built_and_listed_by_parent()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        await (await staff.Post($"{Root}/areas", new { code = "tsuchibuchi", name = "土淵地区", level = "district", parentCode = "east" })).CreatedObject();

        var created = await staff.Post($"{Root}/areas", new { code = "ayaori", name = "綾織地区", level = "district", parentCode = "east" });
        await created.CreatedObject();
        Assert.Equal($"{Root}/areas/ayaori", created.Headers.Location!.OriginalString);

        var districts = await (await staff.GetAsync($"{Root}/areas?parentCode=east")).OkObject();
        Assert.Equal(["aozasa", "tsuchibuchi", "ayaori"], districts.Items().Select(a => a.Text("code")));
        // any user of the municipality reads areas: other services use the codes
        var read = await (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync($"{Root}/areas/aozasa")).OkObject();
        Assert.Equal("青笹地区", read.Text("name"));
        Assert.Equal("district", read.Text("level"));
        Assert.Equal("east", read.Text("parentCode"));
    }

    public static TheoryData<string, string> InvalidAreas => new()
    {
        { """{"name":"x","level":"city"}""", "code" },
        { """{"code":"Bad Code","name":"x","level":"city"}""", "code" },
        { """{"code":"x","name":"x","level":"prefecture"}""", "level" },
        { """{"code":"x","level":"city"}""", "name" },
        { """{"code":"x","name":"x","level":"district"}""", "parentCode" },
        { """{"code":"x","name":"x","level":"district","parentCode":"nowhere"}""", "parentCode" },
        { """{"code":"x","name":"x","level":"city","parentCode":"city"}""", "parentCode" },
        { """{"code":"x","name":"x","level":"city","colour":"red"}""", "colour" },
    };

    [Theory]
    [MemberData(nameof(InvalidAreas))]
    public async Task Invalid_areas_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.Post($"{Root}/areas", new { code = "city", name = "市全域", level = "city" })).CreatedObject();

        var response = await staff.PostJson($"{Root}/areas", body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field == "colour" ? null : field);
        Assert.Equal(1, await system.Rows("areas", tenant));
    }

    [Fact]
    public async Task A_duplicate_code_is_409_and_only_editors_write()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.Post($"{Root}/areas", new { code = "city", name = "市全域", level = "city" })).CreatedObject();

        await (await staff.Post($"{Root}/areas", new { code = "city", name = "もう一つ", level = "city" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await system.Gateway(tenant, JusouRoles.IntakeWorker).Post($"{Root}/areas", new { code = "x", name = "x", level = "city" })).StatusCode);
        Assert.Equal(1, await system.Rows("areas", tenant));
    }

    [Fact]
    public async Task Renaming_needs_if_match_and_another_municipality_sees_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var created = await staff.Post($"{Root}/areas", new { code = "city", name = "市全域", level = "city" });
        var etag = created.ETagOf();
        var path = $"{Root}/areas/city";

        await (await staff.Put(path, new { name = "遠野市全域" }, etag: null)).AssertProblem((HttpStatusCode)428);
        await (await staff.Put(path, new { name = "遠野市全域" }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        var renamed = await staff.Put(path, new { name = "遠野市全域" }, etag);
        Assert.Equal("遠野市全域", (await renamed.OkObject()).Text("name"));
        await (await staff.Put(path, new { name = "古い版" }, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);

        var other = system.Staff(Tenants.Fresh());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Put(path, new { name = "乗っ取り" }, renamed.ETagOf())).StatusCode);
        Assert.Empty((await (await other.GetAsync($"{Root}/areas")).OkObject()).Items());
    }

    [Fact]
    public async Task A_repeated_post_with_the_same_idempotency_key_stores_one_area()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var body = new { code = "city", name = "市全域", level = "city" };

        var first = await staff.Post($"{Root}/areas", body, idempotencyKey: "area-1");
        var second = await staff.Post($"{Root}/areas", body, idempotencyKey: "area-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await system.Rows("areas", tenant));
    }
}
