using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Distributed;

/// <summary>What the distributed tests read of the system: the broker cluster's management API and the exactly-once counts.</summary>
public static class Distributed
{
    /// <summary>The queue MultiAgency's ConsultationReferredConsumer reads: every referral passes through it.</summary>
    public const string ReferralQueue = "multiagency-consultation-referred";

    /// <summary>A client of the management API of the cluster, served by its first node.</summary>
    public static HttpClient Management(SystemFixture system)
    {
        var http = new HttpClient { BaseAddress = system.App.GetEndpoint("messaging-1", "management"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }

    /// <summary>
    /// The cluster's queues, with the fields the tests read. RabbitMQ 3.10 may repeat a key in a quorum queue's object
    /// ("online", after a member came back), which JsonObject refuses, so the answer is read with JsonDocument (which
    /// allows it) and the last value of a repeated key is kept.
    /// </summary>
    public static async Task<List<JsonObject>> Queues(SystemFixture system)
    {
        using var management = Management(system);
        using var document = JsonDocument.Parse(await management.GetStringAsync("/api/queues?columns=name,type,durable,auto_delete,members,leader,node,consumers"));
        return document.RootElement.EnumerateArray().Select(queue =>
        {
            var copy = new JsonObject();
            foreach (var field in queue.EnumerateObject()) copy[field.Name] = JsonNode.Parse(field.Value.GetRawText());
            return copy;
        }).ToList();
    }

    /// <summary>The resource name (messaging-n) of a node named jusou-…-messaging-n@localhost.</summary>
    public static string NodeResource(string nodeName) => nodeName[nodeName.IndexOf("messaging-", StringComparison.Ordinal)..nodeName.IndexOf('@')];

    /// <summary>
    /// Waits until every accepted referral has its support case, then says how many consultations, cases and distinct
    /// cases the tenant has and how many outbox rows are unsent.
    /// </summary>
    public static async Task<(long Consultations, long Cases, long DistinctCases, long Unsent)> Outcome(SystemFixture system, string tenant, int accepted)
    {
        Task<long> Count(string database, string sql) => Sql.Count(system, database, sql, tenant);
        await Eventually.True(async () => await Count("multiagencydb", "SELECT count(DISTINCT consultation_id) FROM support_cases WHERE tenant_code = $1") == accepted,
            TimeSpan.FromMinutes(2), $"a case for each of the {accepted} referrals");
        // Every event is relayed in the end: a relay whose publishes failed while a node died backs off (up to 10 s) before
        // it tries again, so an event written just then may wait that long. Unsent after a minute is a loss.
        async Task<long> Unsent() => await Count("intakedb", "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND sent_at IS NULL")
            + await Count("multiagencydb", "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND sent_at IS NULL");
        try
        {
            await Eventually.True(async () => await Unsent() == 0, TimeSpan.FromMinutes(1), "every outbox row relayed");
        }
        catch (TimeoutException)
        {
            // Reported below as the count that stayed unsent, which the tests assert is none.
        }
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a late duplicate, were there one
        return (await Count("intakedb", "SELECT count(*) FROM consultations WHERE tenant_code = $1"),
            await Count("multiagencydb", "SELECT count(*) FROM support_cases WHERE tenant_code = $1"),
            await Count("multiagencydb", "SELECT count(DISTINCT consultation_id) FROM support_cases WHERE tenant_code = $1"),
            await Unsent());
    }
}
