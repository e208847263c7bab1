using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.Distributed;

/// <summary>
/// RabbitMQ as a three-node cluster with quorum queues: the services' queues live on every node, and losing the node
/// that leads the referrals' queue (SIGKILL, no goodbye) loses nothing, duplicates nothing, and the stream goes on.
/// </summary>
[Collection(DistributedSystemCollection.Name)]
public sealed class BrokerClusterTests(DistributedSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Three_nodes_run_as_one_cluster_and_every_service_queue_is_a_quorum_queue_on_all_of_them()
    {
        using var management = Distributed.Management(system);
        var nodes = (await management.GetFromJsonAsync<JsonArray>("/api/nodes"))!;
        Assert.Equal(3, nodes.Count(n => n!["running"]!.GetValue<bool>()));

        var queues = await Distributed.Queues(system);
        var durable = queues.Where(q => q["durable"]!.GetValue<bool>() && !q["auto_delete"]!.GetValue<bool>()).ToList();
        output.WriteLine(string.Join("\n", durable.Select(q => $"{q["name"]} {q["type"]} members={q["members"]?.AsArray().Count}")));
        Assert.Contains(durable, q => q["name"]!.GetValue<string>() == Distributed.ReferralQueue);
        foreach (var service in Jusou.AppHost.JusouServices.Names)
        {
            Assert.Contains(durable, q => q["name"]!.GetValue<string>().StartsWith(service + "-", StringComparison.Ordinal));
        }
        Assert.All(durable, queue =>
        {
            Assert.Equal("quorum", queue["type"]!.GetValue<string>());
            Assert.Equal(3, queue["members"]!.AsArray().Count);
        });
    }

    [Fact]
    public async Task Referrals_become_exactly_one_case_each_when_the_node_leading_their_queue_is_killed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var tenant = Tenants.Fresh();
        var stream = new ReferralStream(system.Gateway(tenant, JusouRoles.IntakeWorker), timeout.Token);

        await stream.Post(15);
        var queue = (await Distributed.Queues(system)).Single(q => q["name"]!.GetValue<string>() == Distributed.ReferralQueue);
        var leader = Distributed.NodeResource((queue["leader"] ?? queue["node"])!.GetValue<string>());
        output.WriteLine($"the referrals' queue is led by {leader}; killing it");
        try
        {
            // The referrals keep coming while the node dies: their events are relayed and consumed through the other two.
            var during = stream.Post(25);
            await Task.Delay(TimeSpan.FromSeconds(1));
            system.KillResource(leader);
            await during;
            await stream.Post(15);
        }
        finally
        {
            // Leave the cluster whole for the tests after this one: the node restarts from its data and rejoins.
            using var restore = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await system.EnsureRunning(leader, restore.Token);
            await system.WaitForSystemHealthy(restore.Token);
        }

        var outcome = await Distributed.Outcome(system, tenant, stream.Accepted.Count);
        output.WriteLine($"{stream.Summary()}; outcome {outcome}");
        Assert.Equal(55, stream.Accepted.Count);
        Assert.Equal(stream.Accepted.Count, stream.Accepted.Distinct().Count());
        Assert.Equal(stream.Accepted.Count, outcome.Consultations);
        Assert.Equal(stream.Accepted.Count, outcome.Cases);
        Assert.Equal(stream.Accepted.Count, outcome.DistinctCases);
        Assert.Equal(0, outcome.Unsent);
        // The killed node came back as a member of the cluster.
        using var management = Distributed.Management(system);
        await Eventually.True(async () => (await management.GetFromJsonAsync<JsonArray>("/api/nodes"))!.Count(n => n!["running"]!.GetValue<bool>()) == 3,
            TimeSpan.FromMinutes(1), "three running nodes again");
    }
}
