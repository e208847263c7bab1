using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Residency;

/// <summary>
/// The 外字 register: a name may hold a private-use character only once the municipality registered it with what it
/// stands for — at Intake and in every service that records names (they learn the register from GaijiRegistered).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class GaijiTests(SystemFixture system)
{
    [Fact]
    public async Task A_private_use_character_is_refused_until_registered_and_then_kept_exactly_everywhere()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker);
        const string name = "\uE001田 花子"; // 外字 U+E001 for a family name's kanji Unicode lacks

        var refused = await staff.PostAsJsonAsync(IntakeClient.Persons, new { name });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("U+E001", (await refused.ReadObject())["errors"]!["name"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await outreach.PostAsJsonAsync("/api/outreach/targets",
            new { riskLevel = "medium", raisedBy = "neighbour", name })).StatusCode);

        // Only a manager registers, with a description; not a standard character, not twice.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await staff.PostAsJsonAsync("/api/intake/gaiji", new { character = "\uE001", description = "つちへんに吉" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await manager.PostAsJsonAsync("/api/intake/gaiji", new { character = "吉", description = "常用漢字" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/intake/gaiji", new { character = "U+E001" })).StatusCode);
        var registered = await (await manager.PostAsJsonAsync("/api/intake/gaiji",
            new { character = "U+E001", description = "「吉」の異体 (土に口)", mjCode = "MJ000001" })).CreatedObject();
        Assert.Equal(("\uE001", "U+E001"), (registered.Text("character"), registered.Text("codePoint")));
        Assert.Equal(HttpStatusCode.Conflict,
            (await manager.PostAsJsonAsync("/api/intake/gaiji", new { character = "\uE001", description = "again" })).StatusCode);

        var person = await staff.NewPerson(new { name, nameKana = "ツチヨシダ ハナコ" });
        Assert.Equal(name, person.Text("name"));
        Assert.Equal(name, (await (await staff.GetAsync($"{IntakeClient.Persons}/{person.Id()}")).OkObject()).Text("name"));
        // Another unregistered character is still refused, and named.
        var other = await staff.PostAsJsonAsync(IntakeClient.Persons, new { name = "\uE001\uE002" });
        Assert.Contains("U+E002", (await other.ReadObject())["errors"]!["name"]![0]!.GetValue<string>());
        Assert.DoesNotContain("U+E001", (await other.ReadObject())["errors"]!["name"]![0]!.GetValue<string>());

        // Outreach learns the register from the bus.
        var target = await Eventually.Get(async () =>
        {
            var response = await outreach.PostAsJsonAsync("/api/outreach/targets", new { riskLevel = "medium", raisedBy = "neighbour", name });
            return response.StatusCode == HttpStatusCode.Created ? await response.ReadObject() : null;
        }, TimeSpan.FromSeconds(30), "a target named with the registered 外字");
        Assert.Equal(name, target.Text("name"));

        // The register is listed, and exported with the person's data (開示請求) so the character can be read.
        var list = await manager.GetFromJsonAsync<JsonArray>("/api/intake/gaiji");
        Assert.Equal("「吉」の異体 (土に口)", Assert.Single(list!)!.AsObject().Text("description"));
        var export = await (await manager.GetAsync($"/api/intake/privacy/subjects/{person.Id()}")).OkObject();
        Assert.Equal("U+E001", export["records"]!["gaiji"]![0]!.AsObject().Text("codePoint"));
    }
}
