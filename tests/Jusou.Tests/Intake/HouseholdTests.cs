using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Intake;

/// <summary>Households (世帯): members of the tenant with their 続柄, a 世帯類型, and If-Match on change.</summary>
[Collection(SystemCollection.Name)]
public sealed class HouseholdTests(SystemFixture system)
{
    private const string Households = "/api/intake/households";

    [Fact]
    public async Task A_household_is_recorded_with_its_members_and_type()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var father = await client.NewPersonId("遠野 一郎", "トオノ イチロウ", new DateOnly(1940, 3, 3));
        var son = await client.NewPersonId("遠野 二郎", "トオノ ジロウ", new DateOnly(1975, 5, 5));

        var response = await client.PostAsJsonAsync(Households, new
        {
            householdType = "elder_with_unmarried_adult_child",
            districtCode = "aozasa",
            members = new[] { new { personId = father, relationship = "self" }, new { personId = son, relationship = "child" } },
        });

        var created = await response.CreatedObject();
        var id = created.Id();
        Assert.Equal($"/api/intake/households/{id}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);

        var household = await (await client.GetAsync($"{Households}/{id}")).OkObject();
        Assert.Equal("elder_with_unmarried_adult_child", household.Text("householdType"));
        Assert.Equal("aozasa", household.Text("districtCode"));
        Assert.Equal(new Dictionary<Guid, string> { [father] = "self", [son] = "child" }, Members(household));
    }

    public static TheoryData<string, string> InvalidMembers => new()
    {
        { "unknown person", "members" },
        { "unknown relationship", "members[1].relationship" },
        { "missing relationship", "members[1].relationship" },
        { "same person twice", "members" },
        { "unknown household type", "householdType" },
    };

    [Theory]
    [MemberData(nameof(InvalidMembers))]
    public async Task An_invalid_household_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var self = await client.NewPersonId();
        var other = await client.NewPersonId("遠野 二郎", "トオノ ジロウ");
        object body = what switch
        {
            "unknown person" => new { householdType = "couple_only", members = new[] { new { personId = self, relationship = "self" }, new { personId = Guid.NewGuid(), relationship = "spouse" } } },
            "unknown relationship" => new { householdType = "couple_only", members = new[] { new { personId = self, relationship = "self" }, new { personId = other, relationship = "cousin-ish" } } },
            "missing relationship" => new { householdType = "couple_only", members = new[] { new { personId = self, relationship = "self" }, new { personId = other, relationship = "" } } },
            "same person twice" => new { householdType = "couple_only", members = new[] { new { personId = self, relationship = "self" }, new { personId = self, relationship = "spouse" } } },
            _ => new { householdType = "big", members = new[] { new { personId = self, relationship = "self" } } },
        };

        var response = await client.PostAsJsonAsync(Households, body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("households", tenant));
        Assert.Equal(0, await Sql.Count(system, "intakedb",
            "SELECT count(*) FROM household_members WHERE person_id = $1 OR person_id = $2", self, other));
    }

    [Fact]
    public async Task A_person_of_another_tenant_cannot_be_a_member()
    {
        var tenant = Tenants.Fresh();
        var stranger = await system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker).NewPersonId();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);

        var response = await client.PostAsJsonAsync(Households, new { members = new[] { new { personId = stranger, relationship = "self" } } });

        await response.AssertProblem(HttpStatusCode.BadRequest, "members");
        Assert.Equal(0, await system.Rows("households", tenant));
    }

    [Fact]
    public async Task Members_are_changed_with_if_match_and_a_stale_etag_is_412()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker);
        var mother = await client.NewPersonId("遠野 花子", "トオノ ハナコ");
        var daughter = await client.NewPersonId("遠野 桜", "トオノ サクラ");
        var grandson = await client.NewPersonId("遠野 翔", "トオノ ショウ");
        var created = await client.PostAsJsonAsync(Households, new
        {
            householdType = "single_parent",
            members = new[] { new { personId = mother, relationship = "self" }, new { personId = daughter, relationship = "child" } },
        });
        var id = (await created.CreatedObject()).Id();
        var path = $"{Households}/{id}";
        var firstETag = created.ETagOf();
        var threeGenerations = new
        {
            householdType = "three_generation",
            members = new[]
            {
                new { personId = mother, relationship = "self" },
                new { personId = daughter, relationship = "child" },
                new { personId = grandson, relationship = "grandchild" },
            },
        };

        await (await client.Send(HttpMethod.Put, path, threeGenerations, etag: null)).AssertProblem((HttpStatusCode)428);

        var updated = await client.Send(HttpMethod.Put, path, threeGenerations, firstETag);
        Assert.Equal(3, Members(await updated.OkObject()).Count);
        Assert.NotEqual(firstETag, updated.ETagOf());

        // Someone who read the first version removes the daughter: refused, the newer version stands.
        var stale = await client.Send(HttpMethod.Put, path, new
        {
            householdType = "single_65_plus",
            members = new[] { new { personId = mother, relationship = "self" } },
        }, firstETag);
        await stale.AssertProblem(HttpStatusCode.PreconditionFailed);

        var current = await (await client.GetAsync(path)).OkObject();
        Assert.Equal("three_generation", current.Text("householdType"));
        Assert.Equal(new Dictionary<Guid, string> { [mother] = "self", [daughter] = "child", [grandson] = "grandchild" }, Members(current));
    }

    [Fact]
    public async Task Removing_a_member_and_changing_a_relationship_with_the_current_etag_is_kept()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        var a = await client.NewPersonId("遠野 一郎", "トオノ イチロウ");
        var b = await client.NewPersonId("遠野 花子", "トオノ ハナコ");
        var created = await client.PostAsJsonAsync(Households, new
        {
            householdType = "couple_only",
            members = new[] { new { personId = a, relationship = "self" }, new { personId = b, relationship = "spouse" } },
        });
        var id = (await created.CreatedObject()).Id();

        var updated = await client.Send(HttpMethod.Put, $"{Households}/{id}", new
        {
            householdType = "single_65_plus",
            members = new[] { new { personId = b, relationship = "self" } },
        }, created.ETagOf());
        await updated.OkObject();

        var current = await (await client.GetAsync($"{Households}/{id}")).OkObject();
        Assert.Equal(new Dictionary<Guid, string> { [b] = "self" }, Members(current));
        Assert.Equal("single_65_plus", current.Text("householdType"));
    }

    private static Dictionary<Guid, string> Members(JsonObject household) =>
        household["members"]!.AsArray().ToDictionary(m => m!["personId"]!.GetValue<Guid>(), m => m!["relationship"]!.GetValue<string>());
}
