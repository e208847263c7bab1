using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Jusou.Tests.Reliability;

/// <summary>
/// Nothing lost, nothing duplicated: a stream of referrals through the gateway survives a broker restart, a consumer
/// killed with SIGKILL, and a database restart. Each referral is retried by the client with its Idempotency-Key, as
/// a departmental system would, until it is accepted.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FaultTests(SystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_referral_becomes_exactly_one_case_through_broker_restart_consumer_kill_and_database_restart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var referrals = new List<Guid>();
        var attempts = 0;
        var refusedDuringFaults = new Dictionary<HttpStatusCode, int>();

        async Task PostReferrals(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var key = Guid.NewGuid().ToString();
                while (true)
                {
                    attempts++;
                    timeout.Token.ThrowIfCancellationRequested();
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/consultations")
                    {
                        Content = JsonContent.Create(new { channel = "phone", mainConcern = "debt", disposition = "multi_agency", sharingRule = "support_meeting" }),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    // A client gives up on a request after a while and retries it with the same key, as systems do.
                    using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                    attempt.CancelAfter(TimeSpan.FromSeconds(20));
                    try
                    {
                        using var response = await client.SendAsync(request, attempt.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            referrals.Add((await response.ReadObject())["id"]!.GetValue<Guid>());
                            break;
                        }
                        Assert.True((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests,
                            $"only unavailability may refuse a valid referral, got {(int)response.StatusCode}");
                        refusedDuringFaults[response.StatusCode] = refusedDuringFaults.GetValueOrDefault(response.StatusCode) + 1;
                    }
                    catch (Exception exception) when (exception is HttpRequestException
                                                      || (exception is TaskCanceledException && !timeout.IsCancellationRequested))
                    {
                        // The connection failed or the answer took too long: retry with the same key.
                    }
                    await Task.Delay(200, timeout.Token);
                }
            }
        }

        async Task Disrupt()
        {
            await PostReferrals(10);
            await system.StopResource("messaging", timeout.Token);
            await PostReferrals(10);
            await system.StartResource("messaging", timeout.Token);
            await PostReferrals(10);

            system.KillResource("multiagency");
            await PostReferrals(10);
            await system.StartResource("multiagency", timeout.Token);
            await PostReferrals(10);

            // These five meet the database going away and are retried until it is back. They run alongside the
            // stop and the start: the start must not wait for them, as none can succeed while the database is down.
            var stopDatabase = system.StopResource("postgres", timeout.Token);
            var duringOutage = PostReferrals(5);
            await stopDatabase;
            await system.StartResource("postgres", timeout.Token);
            await duringOutage;
            await PostReferrals(10);
        }

        try
        {
            await Disrupt();
        }
        finally
        {
            // Whatever happened, leave the shared system whole for the tests after this one.
            using var restore = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            foreach (var resource in new[] { "postgres", "messaging", "multiagency" }) await system.EnsureRunning(resource, restore.Token);
            await system.WaitForSystemHealthy(restore.Token);
        }

        await Eventually.True(async () => await Count("SELECT count(DISTINCT consultation_id) FROM support_cases WHERE tenant_code = $1", "multiagencydb", tenant) == referrals.Count,
            TimeSpan.FromMinutes(2), $"a case for each of the {referrals.Count} referrals");
        await Task.Delay(TimeSpan.FromSeconds(1)); // room for a late duplicate, were there one

        var consultations = await Count("SELECT count(*) FROM consultations WHERE tenant_code = $1", "intakedb", tenant);
        var cases = await Count("SELECT count(*) FROM support_cases WHERE tenant_code = $1", "multiagencydb", tenant);
        var distinct = await Count("SELECT count(DISTINCT consultation_id) FROM support_cases WHERE tenant_code = $1", "multiagencydb", tenant);
        var unsent = await Count("SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND sent_at IS NULL", "intakedb", tenant)
                     + await Count("SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND sent_at IS NULL", "multiagencydb", tenant);
        output.WriteLine($"referrals accepted: {referrals.Count} (HTTP attempts {attempts}; refused while unavailable: " +
                         $"{string.Join(", ", refusedDuringFaults.Select(r => $"{(int)r.Key}×{r.Value}"))}); consultations stored: {consultations}; " +
                         $"cases: {cases}; duplicates: {cases - distinct}; lost: {referrals.Count - distinct}; outbox rows unsent: {unsent}");

        Assert.Equal(referrals.Count, referrals.Distinct().Count());
        Assert.Equal(referrals.Count, consultations); // retries with the same key stored nothing twice
        Assert.Equal(referrals.Count, cases);
        Assert.Equal(referrals.Count, distinct);
        Assert.Equal(0, unsent);
    }

    private Task<long> Count(string sql, string database, string tenant) => Sql.Count(system, database, sql, tenant);
}
