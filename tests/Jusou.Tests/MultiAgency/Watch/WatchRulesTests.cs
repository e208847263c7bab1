using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Watch;

/// <summary>The tenant's watch rules: defaults, validation, optimistic concurrency, the announcement to Intake; the codes.</summary>
[Collection(SystemCollection.Name)]
public sealed class WatchRulesTests(SystemFixture system)
{
    private const string Rules = "/api/multiagency/watch/rules";

    private Task<long> SavedRules(string tenant) =>
        Sql.Count(system, "multiagencydb", "SELECT count(*) FROM watch_rules WHERE tenant_code = $1", tenant);

    private Task<long> Announcements(string tenant) =>
        Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = 'Jusou.Contracts.MultiAgency.AgeWatchRulesChanged'", tenant);

    [Fact]
    public async Task Defaults_apply_until_saved_and_a_save_is_announced_to_Intake()
    {
        var tenant = Tenants.Fresh();
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var defaults = await manager.GetAsync(Rules);
        Assert.Equal(HttpStatusCode.OK, defaults.StatusCode);
        Assert.Equal("\"0\"", defaults.Headers.ETag!.ToString());
        var body = await defaults.ReadObject();
        Assert.Equal([18, 40, 65], body["ageThresholds"]!.AsArray().Select(a => a!.GetValue<int>()));
        Assert.Equal(90, body["ageWindowDays"]!.GetValue<int>());
        Assert.Equal(60, body["noContactDays"]!.GetValue<int>());
        Assert.Equal(30, body["supportEndingWindowDays"]!.GetValue<int>());
        Assert.Equal(14, body["unansweredDays"]!.GetValue<int>());
        Assert.False(body["saved"]!.GetValue<bool>());

        var change = new { ageThresholds = new[] { 65, 18 }, ageWindowDays = 120, noContactDays = 45, supportEndingWindowDays = 14 };
        var saved = await manager.Send(HttpMethod.Put, Rules, change, "\"0\"");
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var savedBody = await saved.ReadObject();
        Assert.Equal([18, 65], savedBody["ageThresholds"]!.AsArray().Select(a => a!.GetValue<int>()));
        Assert.True(savedBody["saved"]!.GetValue<bool>());

        // A second first-save with the defaults' ETag is stale, and changes nothing.
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await manager.Send(HttpMethod.Put, Rules, change, "\"0\"")).StatusCode);
        Assert.Equal(1, await SavedRules(tenant));
        Assert.Equal(1, await Announcements(tenant));

        await Eventually.True(async () => await Sql.Count(system, "intakedb",
                "SELECT count(*) FROM age_watch_rules WHERE tenant_code = $1 AND window_days = 120 AND thresholds = ARRAY[18, 65]", tenant) == 1,
            WatchClient.EventTimeout, "Intake to store the tenant's age rules");

        var again = await manager.Send(HttpMethod.Put, Rules, change with { }, saved.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await Announcements(tenant));
    }

    [Fact]
    public async Task Invalid_rules_are_400_naming_the_field_and_nothing_is_stored()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var cases = new (object Body, string Field)[]
        {
            (new { ageThresholds = new[] { 0, 200 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30 }, "ageThresholds"),
            (new { ageThresholds = new[] { 65, 65 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30 }, "ageThresholds"),
            (new { ageThresholds = new[] { 65 }, ageWindowDays = 0, noContactDays = 60, supportEndingWindowDays = 30 }, "ageWindowDays"),
            (new { ageThresholds = new[] { 65 }, ageWindowDays = 90, noContactDays = -1, supportEndingWindowDays = 30 }, "noContactDays"),
            (new { ageThresholds = new[] { 65 }, ageWindowDays = 90, noContactDays = 60 }, "supportEndingWindowDays"),
            (new { ageThresholds = new[] { 65 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30, unansweredDays = 0 }, "unansweredDays"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await coordinator.Send(HttpMethod.Put, Rules, body, "\"0\"");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.True(JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey(field), $"names {field}: {text}");
        }
        var unknownField = await coordinator.Send(HttpMethod.Put, Rules,
            new { ageThresholds = new[] { 65 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30, birthDates = true }, "\"0\"");
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal((HttpStatusCode)428, (await coordinator.Send(HttpMethod.Put, Rules,
            new { ageThresholds = new[] { 65 }, ageWindowDays = 90, noContactDays = 60, supportEndingWindowDays = 30 }, null)).StatusCode);

        Assert.Equal(0, await SavedRules(tenant));
        Assert.Equal(0, await Announcements(tenant));
    }

    [Fact]
    public async Task Only_coordinators_and_managers_read_or_change_rules_and_tenants_are_apart()
    {
        var tenant = Tenants.Fresh();
        var valid = new { ageThresholds = new[] { 65 }, ageWindowDays = 30, noContactDays = 60, supportEndingWindowDays = 30 };
        foreach (var role in new[] { JusouRoles.IntakeWorker, JusouRoles.AgencyStaff, JusouRoles.Ops })
        {
            var client = system.Gateway(tenant, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Rules)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Send(HttpMethod.Put, Rules, valid, "\"0\"")).StatusCode);
        }
        Assert.Equal(0, await SavedRules(tenant));

        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(tenant, JusouRoles.Coordinator).Send(HttpMethod.Put, Rules, valid, "\"0\"")).StatusCode);
        var other = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator).GetAsync(Rules)).ReadObject();
        Assert.False(other["saved"]!.GetValue<bool>());
        Assert.Equal(90, other["ageWindowDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_codes_and_the_OpenAPI_document_carry_the_watch()
    {
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        var document = await client.GetFromJsonAsync<JsonObject>("/api/multiagency/openapi/v1.json");
        foreach (var path in new[] { "/api/multiagency/watch/rules", "/api/multiagency/watch/scan", "/api/multiagency/alerts",
                     "/api/multiagency/alerts/{id}/dismissal", "/api/multiagency/cases/{caseId}/supports", "/api/multiagency/codes" })
        {
            Assert.True(document!["paths"]!.AsObject().ContainsKey(path), $"missing {path}");
        }
        Assert.Equal(90, document!["components"]!["schemas"]!["WatchRulesRequest"]!["examples"]![0]!["ageWindowDays"]!.GetValue<int>());

        var codes = await client.GetFromJsonAsync<JsonObject>("/api/multiagency/codes");
        var rules = codes!["watchRules"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()).ToList();
        // The watch's own rules, then the alerts a meeting's decision or a withdrawn consent raises for the coordinator.
        Assert.Equal(["age_threshold", "support_ending", "no_contact", "plan_review_overdue", "coordinator_needed", "closure_proposed", "consent_withdrawn",
            "action_unanswered", "referral_unanswered", "resident_moved_out", "resident_died"], rules);
        Assert.Contains(codes["supportKinds"]!.AsArray(), c => c!["label"]!.GetValue<string>() == "介護保険サービス");
        Assert.NotNull(codes["caseStatuses"]);
    }
}
