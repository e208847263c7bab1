using System.Diagnostics;
using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.Distributed;

/// <summary>
/// Two instances of every service and of the gateway: the instances of a service compete for its queues, relay its
/// outbox in parallel, and still act once per event; the gateways share the rate limit instead of each allowing all of it.
/// </summary>
[Collection(DistributedSystemCollection.Name)]
public sealed class ReplicaTests(DistributedSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Both_instances_of_every_service_consume_its_queues()
    {
        // Each instance holds one consumer on each of its service's queues.
        await Eventually.True(async () =>
        {
            var queues = (await Distributed.Queues(system)).Where(q => !q["name"]!.GetValue<string>().EndsWith("_error", StringComparison.Ordinal)
                                                                      && !q["auto_delete"]!.GetValue<bool>()).ToList();
            output.WriteLine(string.Join(", ", queues.Select(q => $"{q["name"]}={q["consumers"]}")));
            return queues.Count > 0 && queues.All(q => q["consumers"]?.GetValue<int>() == 2);
        }, TimeSpan.FromSeconds(60), "two consumers on every service queue");
    }

    [Fact]
    public async Task Referrals_posted_in_parallel_through_both_gateways_and_both_intakes_become_exactly_one_case_each()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var tenant = Tenants.Fresh();
        var stream = new ReferralStream(system.Gateway(tenant, JusouRoles.IntakeWorker), timeout.Token);

        // Eight writers at once: both intake instances commit and relay outbox rows side by side (SKIP LOCKED), and
        // both multiagency instances take the events off one queue.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => stream.Post(8)));

        var outcome = await Distributed.Outcome(system, tenant, stream.Accepted.Count);
        output.WriteLine($"{stream.Summary()}; outcome {outcome}");
        Assert.Equal(64, stream.Accepted.Count);
        Assert.Equal(stream.Accepted.Count, outcome.Consultations);
        Assert.Equal(stream.Accepted.Count, outcome.Cases);
        Assert.Equal(stream.Accepted.Count, outcome.DistinctCases);
        Assert.Equal(0, outcome.Unsent);
    }

    [Fact]
    public async Task The_rate_limit_holds_for_the_whole_system_across_both_gateway_instances()
    {
        // One user's burst, spread over the two gateways by the load balancer: together they let through about the
        // configured burst (plus what refills meanwhile), not twice it.
        var client = system.Gateway(Tenants.Fresh(), JusouRoles.IntakeWorker, subject: $"burst-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * DistributedSystemFixture.Burst)
            .Select(_ => client.GetAsync("/api/intake/consultations")));
        var elapsed = clock.Elapsed;
        var allowed = answers.Count(a => a.StatusCode != HttpStatusCode.TooManyRequests);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var ceiling = DistributedSystemFixture.Burst + DistributedSystemFixture.PermitsPerSecond * elapsed.TotalSeconds + 2;
        output.WriteLine($"{answers.Length} requests in {elapsed.TotalSeconds:F1} s: {allowed} allowed (ceiling {ceiling:F0}), {limited.Count} limited");

        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.TooManyRequests), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.NotNull(a.Headers.RetryAfter));
        Assert.InRange(allowed, 1, ceiling);
    }
}
