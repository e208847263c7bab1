using System.Net;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Jusou.Tests.Outreach;

namespace Jusou.Tests.Privacy;

/// <summary>
/// Retention (保存期間): records whose purpose ended longer ago than their file's retention are shown as due and removed
/// by a manager's purge, with their child rows, leaving one audit row each; nothing else is touched.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RetentionTests(SystemFixture system)
{
    private const string Retention = "/api/outreach/privacy/retention";

    private async Task<Guid> ClosedTarget(HttpClient worker, int closedYearsAgo)
    {
        var id = await worker.NewTargetId();
        (await worker.RecordContact(id, new { method = "visit", outcome = "absent", notes = "不在。手紙を投函。" })).EnsureSuccessStatusCode();
        // The first contact attempt moved it to 接触試行; on to 関係づくり, 継続的見守り and 終結.
        foreach (var stage in new[] { "relationship", "watching" }) (await worker.MoveTo(id, stage)).EnsureSuccessStatusCode();
        (await worker.MoveTo(id, "closed", "moved_away")).EnsureSuccessStatusCode();
        // Time passes: the closure is moved back, as if the target had been closed years ago.
        await Sql.Execute(system, "outreachdb", "UPDATE targets SET closed_at = closed_at - make_interval(years => $2) WHERE id = $1", id, closedYearsAgo);
        return id;
    }

    private static async Task<JsonNode> Due(HttpClient manager)
    {
        var response = await manager.GetAsync(Retention);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static int DueIn(JsonNode due, string table) =>
        due.AsArray().Single(d => d!["table"]!.GetValue<string>() == table)!["records"]!.GetValue<int>();

    [Fact]
    public async Task A_record_past_its_retention_is_purged_with_its_children_and_audited_and_nothing_else_is()
    {
        var tenant = Tenants.Fresh();
        var otherTenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var manager = system.Gateway(tenant, JusouRoles.Manager);

        var expired = await ClosedTarget(worker, closedYearsAgo: 6);
        var recentlyClosed = await ClosedTarget(worker, closedYearsAgo: 1);
        var open = await worker.NewTargetId();
        var otherTenantsExpired = await ClosedTarget(system.Worker(otherTenant), closedYearsAgo: 6);

        var due = await Due(manager);
        Assert.Equal(1, DueIn(due, "targets"));

        var purge = await (await manager.PostAsync($"{Retention}/purge", content: null)).OkObject();
        Assert.Equal(1, DueIn(purge["purged"]!, "targets"));

        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{OutreachClient.Targets}/{expired}")).StatusCode);
        Assert.Equal(0, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM contact_attempts WHERE target_id = $1", expired));
        Assert.Equal(1, await OutreachClient.AuditRows(system, tenant, expired, "purge"));
        foreach (var kept in new[] { recentlyClosed, open })
        {
            Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"{OutreachClient.Targets}/{kept}")).StatusCode);
        }
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM contact_attempts WHERE target_id = $1", recentlyClosed));
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE id = $1", otherTenantsExpired));

        // Nothing is due any more, and a second purge removes nothing.
        Assert.Equal(0, DueIn(await Due(manager), "targets"));
        Assert.Empty((await (await manager.PostAsync($"{Retention}/purge", content: null)).OkObject())["purged"]!.AsArray());
    }

    [Fact]
    public async Task Only_a_manager_sees_what_is_due_or_purges()
    {
        var tenant = Tenants.Fresh();
        var expired = await ClosedTarget(system.Worker(tenant), closedYearsAgo: 6);
        foreach (var role in new[] { JusouRoles.OutreachWorker, JusouRoles.Coordinator, JusouRoles.Ops })
        {
            var caller = system.Gateway(tenant, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync(Retention)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync($"{Retention}/purge", content: null)).StatusCode);
        }
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE id = $1", expired));
    }
}
