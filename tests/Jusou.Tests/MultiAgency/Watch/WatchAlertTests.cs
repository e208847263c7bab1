using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Watch;

/// <summary>The rules evaluated in MultiAgency (supports ending, no contact), the alert list and dismissal.</summary>
[Collection(SystemCollection.Name)]
public sealed class WatchAlertTests(SystemFixture system)
{
    /// <summary>Makes the case look untouched for <paramref name="days"/> days, as time would.</summary>
    private Task Silence(Guid caseId, int days) => Sql.Execute(system, "multiagencydb",
        $"UPDATE case_timeline SET at = now() - interval '{days} days' WHERE case_id = $1", caseId);

    [Fact]
    public async Task A_support_ending_within_the_window_raises_one_alert_and_a_later_one_none()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var caseId = await system.NewCase(tenant);

        var soon = await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/supports", new
        {
            kind = "disabled_child_service", providerOrganisationCode = "tono-day-service", startsOn = "2020-04-01",
            endsOn = WatchClient.Today.AddDays(10).ToString("yyyy-MM-dd"),
        });
        Assert.True(soon.StatusCode == HttpStatusCode.Created, await soon.Content.ReadAsStringAsync());
        Assert.NotNull(soon.Headers.Location);
        var soonId = (await soon.ReadObject())["id"]!.GetValue<Guid>();
        var later = await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/supports", new
        {
            kind = "school", endsOn = WatchClient.Today.AddDays(100).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);

        var scan = await coordinator.Scan();
        Assert.Equal(1, scan["supportEnding"]!.GetValue<int>());
        var alert = Assert.Single(await coordinator.AlertList($"caseId={caseId}&mine=false&rule=support_ending"));
        Assert.StartsWith(soonId.ToString("N"), alert["key"]!.GetValue<string>());
        Assert.Equal(WatchClient.Today.AddDays(10), DateOnly.Parse(alert["dueOn"]!.GetValue<string>()));

        Assert.Equal(0, (await coordinator.Scan())["supportEnding"]!.GetValue<int>());
        Assert.Equal(1, await system.Alerts(caseId, "support_ending"));
        Assert.Equal(1, await system.RaisedEvents(caseId));

        // The list of supports is audited: which systems a person uses is personal data.
        var list = await coordinator.GetFromJsonAsync<JsonObject>($"/api/multiagency/cases/{caseId}/supports");
        Assert.Equal(2, list!["items"]!.AsArray().Count);
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM audit_entries WHERE record_id = $1 AND action = 'read_supports'", caseId));
    }

    [Fact]
    public async Task A_new_end_date_is_a_new_occurrence_and_needs_If_Match()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var caseId = await system.NewCase(tenant);
        var created = await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/supports", new
        {
            kind = "hospitalisation", endsOn = WatchClient.Today.AddDays(5).ToString("yyyy-MM-dd"),
        });
        var supportPath = created.Headers.Location!.ToString();
        await coordinator.Scan();

        var read = await coordinator.GetAsync(supportPath);
        var body = new { kind = "hospitalisation", endsOn = WatchClient.Today.AddDays(20).ToString("yyyy-MM-dd") };
        Assert.Equal((HttpStatusCode)428, (await coordinator.Send(HttpMethod.Put, supportPath, body, null)).StatusCode);
        var replaced = await coordinator.Send(HttpMethod.Put, supportPath, body, read.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await coordinator.Send(HttpMethod.Put, supportPath, body, read.Headers.ETag!.ToString())).StatusCode);

        Assert.Equal(1, (await coordinator.Scan())["supportEnding"]!.GetValue<int>());
        Assert.Equal(2, await system.Alerts(caseId, "support_ending"));
    }

    [Fact]
    public async Task A_bad_support_is_400_and_stores_nothing_and_others_get_404_or_403()
    {
        var tenant = await system.FreshTenantWith(Jusou.Tests.MultiAgency.Cases.CaseClient.Organisations);
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var caseId = await system.NewCase(tenant);
        var path = $"/api/multiagency/cases/{caseId}/supports";

        var unknownKind = await coordinator.PostAsJsonAsync(path, new { kind = "magic" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Contains("kind", await unknownKind.Content.ReadAsStringAsync());
        var backwards = await coordinator.PostAsJsonAsync(path, new { kind = "medical", startsOn = "2026-05-01", endsOn = "2026-04-01" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("endsOn", await backwards.Content.ReadAsStringAsync());

        var otherTenant = system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.PostAsJsonAsync(path, new { kind = "medical" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await system.Gateway(tenant, JusouRoles.AgencyStaff).PostAsJsonAsync(path, new { kind = "medical" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.CommunityStaff).GetAsync(path)).StatusCode);

        Assert.Equal(0, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM case_supports WHERE case_id = $1", caseId));
    }

    [Fact]
    public async Task A_case_without_contact_for_N_days_raises_one_alert_listed_for_its_coordinator()
    {
        var tenant = Tenants.Fresh();
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var quietCase = await system.NewCase(tenant);
        var busyCase = await system.NewCase(tenant);
        await Silence(quietCase, 61);
        await Silence(busyCase, 59);
        await Sql.Execute(system, "multiagencydb", "UPDATE support_cases SET coordinator_id = 'coord-a' WHERE id = $1", quietCase);

        // A scan runs only the rules it names, and names at least one known rule.
        Assert.Equal(0, (await manager.Scan("support_ending"))["noContact"]!.GetValue<int>());
        Assert.Equal(0, await system.Alerts(quietCase));
        foreach (var body in new object[] { new { rules = Array.Empty<string>() }, new { rules = new[] { "everything" } } })
        {
            var refused = await manager.PostAsJsonAsync("/api/multiagency/watch/scan", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("rules", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsync("/api/multiagency/watch/scan",
            new StringContent("", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(0, await system.Alerts(quietCase));

        Assert.Equal(1, (await manager.Scan())["noContact"]!.GetValue<int>());
        Assert.Equal(0, await system.Alerts(busyCase));
        Assert.Equal(0, (await manager.Scan())["noContact"]!.GetValue<int>());
        Assert.Equal(1, await system.Alerts(quietCase, "no_contact"));

        // A coordinator sees the alerts of their own cases by default; mine=false shows the tenant's; a manager sees all.
        var own = Assert.Single(await system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-a").AlertList("status=open"));
        Assert.Equal(quietCase, own["caseId"]!.GetValue<Guid>());
        Assert.Equal("coord-a", own["coordinatorId"]!.GetValue<string>());
        var someoneElse = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-b");
        Assert.Empty(await someoneElse.AlertList("status=open"));
        Assert.Single(await someoneElse.AlertList("status=open&mine=false"));
        Assert.Single(await manager.AlertList("coordinatorId=coord-a"));
        Assert.Empty(await manager.AlertList("coordinatorId=coord-b"));
        Assert.Empty(await manager.AlertList("status=dismissed"));

        // Reading alerts reveals case data: audited against the case.
        Assert.True(await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM audit_entries WHERE record_id = $1 AND action = 'read_alerts'", quietCase) >= 3);

        // A shorter rule catches the other case too.
        await system.SaveRules(tenant, [18, 40, 65], ageWindowDays: 90, noContactDays: 30);
        Assert.Equal(1, (await manager.Scan())["noContact"]!.GetValue<int>());
        Assert.Equal(1, await system.Alerts(busyCase, "no_contact"));
    }

    [Fact]
    public async Task Dismissal_needs_a_reason_and_a_dismissed_alert_is_not_raised_again()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var caseId = await system.NewCase(tenant);
        await Silence(caseId, 90);
        await coordinator.Scan();
        var alertId = Assert.Single(await coordinator.AlertList($"caseId={caseId}&mine=false"))["id"]!.GetValue<Guid>();
        var path = $"/api/multiagency/alerts/{alertId}";
        var etag = (await coordinator.GetAsync(path)).Headers.ETag!.ToString();

        foreach (var body in new object[] { new { }, new { reason = "   " }, new { reason = new string('あ', 1001) } })
        {
            var refused = await coordinator.Send(HttpMethod.Post, $"{path}/dismissal", body, etag);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("reason", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal((HttpStatusCode)428,
            (await coordinator.Send(HttpMethod.Post, $"{path}/dismissal", new { reason = "訪問予定あり" }, null)).StatusCode);
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM watch_alerts WHERE id = $1 AND status = 'open' AND dismissed_reason IS NULL", alertId));

        var dismissed = await coordinator.Send(HttpMethod.Post, $"{path}/dismissal", new { reason = "来週、相談支援専門員が訪問予定" }, etag);
        Assert.True(dismissed.StatusCode == HttpStatusCode.OK, await dismissed.Content.ReadAsStringAsync());
        var answer = await dismissed.ReadObject();
        Assert.Equal("dismissed", answer["status"]!.GetValue<string>());
        Assert.Equal("来週、相談支援専門員が訪問予定", answer["dismissedReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.PreconditionFailed,
            (await coordinator.Send(HttpMethod.Post, $"{path}/dismissal", new { reason = "再度" }, etag)).StatusCode);

        Assert.Equal(0, (await coordinator.Scan())["noContact"]!.GetValue<int>());
        Assert.Equal(1, await Sql.Count(system, "multiagencydb",
            "SELECT count(*) FROM watch_alerts WHERE case_id = $1 AND status = 'dismissed'", caseId));
        Assert.Equal(1, await system.Alerts(caseId));
        Assert.Empty(await coordinator.AlertList($"caseId={caseId}&mine=false&status=open"));
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_other_roles_403()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var caseId = await system.NewCase(tenant);
        await Silence(caseId, 90);
        await coordinator.Scan();
        var alertId = Assert.Single(await coordinator.AlertList($"caseId={caseId}&mine=false"))["id"]!.GetValue<Guid>();
        var etag = (await coordinator.GetAsync($"/api/multiagency/alerts/{alertId}")).Headers.ETag!.ToString();

        var otherTenant = Tenants.Fresh();
        var other = system.Gateway(otherTenant, JusouRoles.Manager);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/multiagency/alerts/{alertId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await other.Send(HttpMethod.Post, $"/api/multiagency/alerts/{alertId}/dismissal", new { reason = "乗っ取り" }, etag)).StatusCode);
        Assert.Empty(await other.AlertList("mine=false"));
        Assert.Equal(0, (await other.Scan())["total"]!.GetValue<int>());
        Assert.Equal(0, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM audit_entries WHERE tenant_code = $1", otherTenant));

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync("/api/multiagency/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync($"/api/multiagency/alerts/{alertId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).PostAsJsonAsync("/api/multiagency/watch/scan", new { rules = WatchClient.AllRules })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Ops)
            .Send(HttpMethod.Post, $"/api/multiagency/alerts/{alertId}/dismissal", new { reason = "運用" }, etag)).StatusCode);
        Assert.Equal(0, (await system.Gateway(tenant, JusouRoles.Ops).Scan())["total"]!.GetValue<int>());
        Assert.Equal(1, await Sql.Count(system, "multiagencydb", "SELECT count(*) FROM watch_alerts WHERE id = $1 AND status = 'open'", alertId));

        var badFilter = await coordinator.GetAsync("/api/multiagency/alerts?status=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("status", await badFilter.Content.ReadAsStringAsync());
    }
}
