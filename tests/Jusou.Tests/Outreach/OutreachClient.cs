using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>Helpers for the Outreach tests: calls through the gateway and reads of outreachdb.</summary>
internal static class OutreachClient
{
    public const string Targets = "/api/outreach/targets";

    public static HttpClient Worker(this SystemFixture system, string tenant, string subject = "outreach-worker-1") =>
        system.Gateway(tenant, JusouRoles.OutreachWorker, subject: subject);

    /// <summary>"Today" as the service sees it: the date in Japan.</summary>
    public static DateOnly TodayInJapan => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);

    public static object TargetBody(string riskLevel = "medium", string raisedBy = "minsei_iin", string? district = "aozasa",
        string? assignedWorker = "outreach-worker-1", DateOnly? identifiedOn = null, DateOnly? nextContactOn = null, string? name = "遠野 一郎") => new
        {
            riskLevel,
            raisedBy,
            reason = "40代の息子が長年外出していない様子",
            concernCodes = new[] { "8050", "social_isolation" },
            name,
            address = "岩手県遠野市青笹町1-1",
            householdType = "elder_with_unmarried_adult_child",
            districtCode = district,
            assignedWorker,
            identifiedOn,
            nextContactOn,
        };

    public static DateOnly Date(this JsonObject json, string property) => DateOnly.Parse(json[property]!.GetValue<string>());

    public static async Task<JsonObject> NewTarget(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync(Targets, body)).CreatedObject();

    public static async Task<Guid> NewTargetId(this HttpClient client, object? body = null) =>
        (await client.NewTarget(body ?? TargetBody())).Id();

    /// <summary>Reads the target, then moves it to <paramref name="stage"/> with its ETag.</summary>
    public static async Task<HttpResponseMessage> MoveTo(this HttpClient client, Guid targetId, string stage, string? closureReason = null)
    {
        var read = await client.GetAsync($"{Targets}/{targetId}");
        return await client.Send(HttpMethod.Put, $"{Targets}/{targetId}/stage", new { stage, closureReason }, read.ETagOf());
    }

    public static Task<HttpResponseMessage> RecordContact(this HttpClient client, Guid targetId, object contact) =>
        client.PostAsJsonAsync($"{Targets}/{targetId}/contacts", contact);

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, "outreachdb", $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    /// <summary>Events of <paramref name="eventType"/> (short name, in Jusou.Contracts.Outreach) stored for a tenant.</summary>
    public static Task<long> Events(this SystemFixture system, string tenant, string eventType) =>
        Sql.Count(system, "outreachdb", "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2",
            tenant, $"Jusou.Contracts.Outreach.{eventType}");

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid recordId, string action) =>
        Sql.Count(system, "outreachdb", "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3",
            tenant, recordId, action);

    /// <summary>The payloads of a tenant's stored events of one type, oldest first.</summary>
    public static async Task<List<JsonObject>> EventPayloads(this SystemFixture system, string tenant, string eventType) =>
        (await Sql.Strings(system, "outreachdb", "SELECT payload::text FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2 ORDER BY id",
            tenant, $"Jusou.Contracts.Outreach.{eventType}"))
        .Select(payload => JsonNode.Parse(payload)!.AsObject()).ToList();

    /// <summary>The target a consumer opened for <paramref name="sourceId"/>, once it exists.</summary>
    public static Task<JsonObject> TargetFrom(this HttpClient client, string source, Guid sourceId) =>
        Eventually.Get(async () =>
        {
            var page = await (await client.GetAsync($"{Targets}?source={source}")).OkObject();
            return page.Items().FirstOrDefault(t => t["sourceId"]?.GetValue<Guid>() == sourceId);
        }, TimeSpan.FromSeconds(30), $"the target opened from {source} {sourceId}");

    /// <summary>Waits until <paramref name="consumer"/> in <paramref name="database"/> has handled the message (its inbox row).</summary>
    public static Task Handled(this SystemFixture system, string database, string consumer, Guid messageId) =>
        Eventually.True(async () => await Sql.Count(system, database,
                "SELECT count(*) FROM inbox_messages WHERE message_id = $1 AND consumer = $2", messageId, consumer) == 1,
            TimeSpan.FromSeconds(30), $"{consumer} handling {messageId}");
}
