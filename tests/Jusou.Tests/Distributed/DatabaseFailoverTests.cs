using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.Distributed;

/// <summary>
/// PostgreSQL with a synchronous streaming standby and multi-host connection strings (Target Session Attributes=primary):
/// the primary is stopped in the middle of a stream of referrals and the standby promoted. Requests in flight are
/// answered 503 with Retry-After and succeed on retry with the same Idempotency-Key; every referral accepted before,
/// during and after is there once, on the new primary, and can be read.
/// </summary>
[Collection(DistributedSystemCollection.Name)]
public sealed class DatabaseFailoverTests(DistributedSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Promoting_the_standby_after_the_primary_stops_loses_nothing_accepted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var stream = new ReferralStream(client, timeout.Token);
        var clock = Stopwatch.StartNew();

        await stream.Post(15);
        Assert.Equal(15, stream.Accepted.Count);
        Assert.Empty(stream.Refusals);
        // Five writers keep posting while the primary goes and the standby takes over.
        var during = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => stream.Post(6)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stopped = clock.Elapsed;
        var primaryPort = new Npgsql.NpgsqlConnectionStringBuilder(await system.ConnectionString("postgres")).Port;
        await system.StopResource("postgres", timeout.Token);
        // Fencing, as an operator does it: the standby is promoted only once the old primary no longer answers, so
        // there is never a moment with two servers taking writes.
        await UntilNothingListens(primaryPort, timeout.Token);
        var fenced = clock.Elapsed;
        var promotion = await system.App.ResourceCommands.ExecuteCommandAsync("postgres-standby", "promote", timeout.Token);
        Assert.True(promotion.Success, promotion.Message);
        var promoted = clock.Elapsed;
        await during;
        await stream.Post(15);
        // The old primary stays stopped: started again as it is, it would be a second primary with older data.

        var outcome = await Distributed.Outcome(system, tenant, stream.Accepted.Count);
        output.WriteLine($"primary stop asked at {stopped.TotalSeconds:F1} s, gone at {fenced.TotalSeconds:F1} s, standby promoted at {promoted.TotalSeconds:F1} s, stream done at {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"{stream.Summary()}; outcome {outcome}");
        output.WriteLine(string.Join("\n", stream.Unexpected));
        // Every request was accepted in the end, each under its own Idempotency-Key (a retry that found its first
        // attempt committed is answered with the same consultation, not a second one).
        Assert.Equal(15 + 30 + 15, stream.Accepted.Count);
        Assert.Equal(stream.Accepted.Count, stream.Accepted.Distinct().Count());
        // Before acceptance, the only answers were "unavailable, try again" (or the gateway's rate limit, which five
        // writers at once may reach), each with Retry-After; no request went unanswered. The gateway passes a service's
        // 503 on as it is (YARP); its own 502, for an instance it cannot reach, is not accepted here: no service process
        // stops in this test, so a 502 would be a fault of its own, not the failover's.
        Assert.Empty(stream.Unexpected);
        Assert.All(stream.Refusals, refusal => Assert.Matches("^(503|429) Retry-After=[1-9]", refusal));
        Assert.Equal(0, stream.Unanswered);
        // Nothing accepted was lost or doubled: one consultation and one support case each, every event relayed.
        Assert.Equal(stream.Accepted.Count, outcome.Consultations);
        Assert.Equal(stream.Accepted.Count, outcome.Cases);
        Assert.Equal(stream.Accepted.Count, outcome.DistinctCases);
        Assert.Equal(0, outcome.Unsent);
        // And each accepted consultation is there to read, through the gateway, from the new primary.
        foreach (var id in stream.Accepted)
        {
            Assert.Equal(HttpStatusCode.OK, await Read(client, $"/api/intake/consultations/{id}", timeout.Token));
        }
    }

    /// <summary>A read's status, waiting out the gateway's rate limit (sixty reads in a row exceed its burst).</summary>
    private static async Task<HttpStatusCode> Read(HttpClient client, string path, CancellationToken cancellation)
    {
        while (true)
        {
            using var response = await client.GetAsync(path, cancellation);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) return response.StatusCode;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private static async Task UntilNothingListens(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return; // refused: the old primary is gone
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
