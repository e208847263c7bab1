using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.EndToEnd;

/// <summary>
/// Nobody falls through the gap: referrals posted while MultiAgency or the broker is down each become exactly one
/// support case once it is back.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OutageTests(SystemFixture system, ITestOutputHelper output)
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Referrals_posted_while_MultiAgency_is_stopped_each_open_exactly_one_case_after_it_restarts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var tenant = Tenants.Fresh();
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var referrals = new List<Guid>();

        for (var i = 0; i < 10; i++) referrals.Add(await intake.ReferConsultation());
        await system.StopResource("multiagency", timeout.Token);
        for (var i = 0; i < 20; i++) referrals.Add(await intake.ReferConsultation()); // Intake keeps accepting
        await system.StartResource("multiagency", timeout.Token);
        for (var i = 0; i < 10; i++) referrals.Add(await intake.ReferConsultation());

        await AssertEachReferralHasExactlyOneCase(tenant, referrals);
        await system.WaitForSystemHealthy(timeout.Token);
    }

    [Fact]
    public async Task Referrals_posted_while_the_broker_is_stopped_wait_in_the_outbox_and_each_open_exactly_one_case()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var tenant = Tenants.Fresh();
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var referrals = new List<Guid>();

        for (var i = 0; i < 10; i++) referrals.Add(await intake.ReferConsultation());
        await system.StopResource("messaging", timeout.Token);
        var during = new List<Guid>();
        for (var i = 0; i < 20; i++) during.Add(await intake.ReferConsultation()); // no broker needed to accept
        var waiting = await UnsentReferrals(tenant);
        await system.StartResource("messaging", timeout.Token);
        referrals.AddRange(during);
        for (var i = 0; i < 10; i++) referrals.Add(await intake.ReferConsultation());

        output.WriteLine($"unsent referrals in Intake's outbox while the broker was down: {waiting} ({during.Count} posted during the outage)");
        Assert.True(waiting >= during.Count, "with the broker down, every referral posted meanwhile waits in the outbox");
        await AssertEachReferralHasExactlyOneCase(tenant, referrals);
        Assert.Equal(0, await UnsentReferrals(tenant));
        await system.WaitForSystemHealthy(timeout.Token);
    }

    private async Task AssertEachReferralHasExactlyOneCase(string tenant, IReadOnlyList<Guid> referrals)
    {
        await Eventually.True(async () => await CasesOf(tenant, distinct: true) == referrals.Count, RecoveryTimeout,
            $"a case for each of the {referrals.Count} referrals");
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a late duplicate, were there one

        var cases = await CasesOf(tenant, distinct: false);
        var distinct = await CasesOf(tenant, distinct: true);
        output.WriteLine($"referrals posted: {referrals.Count}; cases: {cases}; distinct consultations: {distinct}; " +
                         $"duplicates: {cases - distinct}; lost: {referrals.Count - distinct}");
        Assert.Equal(referrals.Count, cases);
        Assert.Equal(referrals.Count, distinct);
        foreach (var id in referrals)
        {
            Assert.Equal(1, await Sql.Count(system, "multiagencydb",
                "SELECT count(*) FROM support_cases WHERE tenant_code = $1 AND consultation_id = $2", tenant, id));
        }
    }

    private Task<long> CasesOf(string tenant, bool distinct) => Sql.Count(system, "multiagencydb",
        distinct
            ? "SELECT count(DISTINCT consultation_id) FROM support_cases WHERE tenant_code = $1"
            : "SELECT count(*) FROM support_cases WHERE tenant_code = $1",
        tenant);

    private Task<long> UnsentReferrals(string tenant) => Sql.Count(system, "intakedb",
        "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND sent_at IS NULL", tenant);
}
