using Aspire.Hosting;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.Distributed;

/// <summary>
/// PostgreSQL with a synchronous streaming standby and multi-host connection strings (Target Session Attributes=primary):
/// the primary is stopped in the middle of a stream of referrals and the standby promoted. Requests in flight are
/// answered 503 with Retry-After (or not at all) and succeed on retry with the same Idempotency-Key; every referral
/// accepted before, during and after is there once, on the new primary.
/// </summary>
[Collection(DistributedSystemCollection.Name)]
public sealed class DatabaseFailoverTests(DistributedSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Promoting_the_standby_after_the_primary_stops_loses_nothing_accepted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var tenant = Tenants.Fresh();
        var stream = new ReferralStream(system.Gateway(tenant, JusouRoles.IntakeWorker), timeout.Token);

        await stream.Post(15);
        var acceptedBefore = stream.Accepted.Count;
        // Five writers keep posting while the primary goes and the standby takes over.
        var during = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => stream.Post(6)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await system.StopResource("postgres", timeout.Token);
        var promotion = await system.App.ResourceCommands.ExecuteCommandAsync("postgres-standby", "promote", timeout.Token);
        Assert.True(promotion.Success, promotion.Message);
        await during;
        await stream.Post(15);
        // The old primary stays stopped: started again as it is, it would be a second primary with older data.

        var outcome = await Distributed.Outcome(system, tenant, stream.Accepted.Count);
        output.WriteLine($"{stream.Summary()}; outcome {outcome}");
        Assert.Equal(15 + 30 + 15, stream.Accepted.Count);
        Assert.True(acceptedBefore == 15);
        // An answer other than an acceptance could only be "unavailable, try again" (or the gateway's rate limit, which
        // five writers at once may reach): each with Retry-After.
        Assert.All(stream.Refusals, refusal => Assert.Matches("^(503|429) Retry-After=[1-9]", refusal));
        Assert.Equal(stream.Accepted.Count, stream.Accepted.Distinct().Count());
        Assert.Equal(stream.Accepted.Count, outcome.Consultations);
        Assert.Equal(stream.Accepted.Count, outcome.Cases);
        Assert.Equal(stream.Accepted.Count, outcome.DistinctCases);
        Assert.Equal(0, outcome.Unsent);
    }
}
