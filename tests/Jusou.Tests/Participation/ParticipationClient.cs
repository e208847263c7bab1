using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>Helpers for the Participation tests: calls through the gateway and reads of participationdb.</summary>
internal static class ParticipationClient
{
    public const string Opportunities = "/api/participation/opportunities";
    public const string Requests = "/api/participation/requests";
    public const string Placements = "/api/participation/placements";
    public const string Database = "participationdb";
    public static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    public static HttpClient Coordinator(this SystemFixture system, string tenant, string subject = "coordinator-1") =>
        system.Gateway(tenant, JusouRoles.Coordinator, subject: subject);

    /// <summary>The host organisations the Participation tests name: a tenant registers them first.</summary>
    public static readonly string[] Hosts = ["ina-farm", "farm", "closed-shop", "yamamoto-house", "other-host", "library"];

    /// <summary>"Today" as the service sees it: the date in Japan.</summary>
    public static DateOnly TodayInJapan => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);

    public static object OpportunityBody(string kind = "short_work", string host = "ina-farm", string? district = "takato", int? capacity = 3,
        string[]? days = null, string[]? slots = null, string[]? accommodations = null, bool paid = true, int? minimumAge = null,
        int? maximumAge = null, string? title = "いなぷちバイト 収穫作業", bool accepting = true) => new
        {
            kind,
            hostOrganisationCode = host,
            title,
            districtCode = district,
            days = days ?? ["tue", "thu"],
            timeSlots = slots ?? ["morning"],
            scheduleNote = "火・木 9:00〜11:00",
            capacity,
            paid,
            minimumAge,
            maximumAge,
            accommodations = accommodations ?? ["short_hours"],
            accepting,
        };

    public static object RequestBody(string? district = "takato", string[]? kinds = null, string[]? days = null, string[]? slots = null,
        string[]? needs = null, int? age = 34, bool? wantsPaid = null) => new
        {
            districtCode = district,
            wishedKinds = kinds ?? ["short_work"],
            days = days ?? ["tue", "thu"],
            timeSlots = slots ?? ["morning"],
            neededAccommodations = needs ?? ["short_hours"],
            age,
            wantsPaid,
            wishes = "体を動かす作業ならやってみたい",
            constraints = "午後は通院",
            coordinator = "coordinator-1",
        };

    public static async Task<JsonObject> NewOpportunity(this HttpClient client, object? body = null) =>
        await (await client.PostAsJsonAsync(Opportunities, body ?? OpportunityBody())).CreatedObject();

    public static async Task<Guid> NewOpportunityId(this HttpClient client, object? body = null) => (await client.NewOpportunity(body)).Id();

    public static async Task<JsonObject> NewRequest(this HttpClient client, object? body = null) =>
        await (await client.PostAsJsonAsync(Requests, body ?? RequestBody())).CreatedObject();

    public static async Task<Guid> NewRequestId(this HttpClient client, object? body = null) => (await client.NewRequest(body)).Id();

    public static Task<HttpResponseMessage> Place(this HttpClient client, Guid requestId, Guid opportunityId, string stage = "visit",
        DateOnly? startedOn = null, int checkInIntervalDays = 14, DateOnly? firstCheckInOn = null) =>
        client.PostAsJsonAsync(Placements, new { requestId, opportunityId, stage, startedOn, checkInIntervalDays, firstCheckInOn, hostNote = "初回は支援員が同行" });

    public static async Task<Guid> PlacedId(this HttpClient client, Guid requestId, Guid opportunityId, string stage = "visit", DateOnly? startedOn = null,
        DateOnly? firstCheckInOn = null) =>
        (await (await client.Place(requestId, opportunityId, stage, startedOn, firstCheckInOn: firstCheckInOn)).CreatedObject()).Id();

    /// <summary>Reads the placement, then moves it with its ETag.</summary>
    public static async Task<HttpResponseMessage> MovePlacement(this HttpClient client, Guid placementId, string stage, string? endReason = null, DateOnly? on = null)
    {
        var read = await client.GetAsync($"{Placements}/{placementId}");
        return await client.Send(HttpMethod.Put, $"{Placements}/{placementId}/stage", new { stage, endReason, on }, read.ETagOf());
    }

    public static async Task<JsonObject> Matches(this HttpClient client, Guid requestId, int top = 10) =>
        await client.Read($"{Requests}/{requestId}/matches?top={top}");

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, Database, $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid recordId, string action) =>
        Sql.Count(system, Database, "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3",
            tenant, recordId, action);

    /// <summary>The payloads of a tenant's stored events of one type (short name, in Jusou.Contracts.Participation), oldest first.</summary>
    public static async Task<List<JsonObject>> EventPayloads(this SystemFixture system, string tenant, string eventType) =>
        (await Sql.Strings(system, Database, "SELECT payload::text FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2 ORDER BY id",
            tenant, $"Jusou.Contracts.Participation.{eventType}"))
        .Select(payload => JsonNode.Parse(payload)!.AsObject()).ToList();

    /// <summary>The request a consumer opened for <paramref name="sourceId"/>, once it exists.</summary>
    public static Task<JsonObject> RequestFrom(this HttpClient client, string source, Guid sourceId) =>
        Eventually.Get(async () =>
        {
            var page = await (await client.GetAsync($"{Requests}?source={source}")).OkObject();
            return page.Items().FirstOrDefault(r => r["sourceId"]?.GetValue<Guid>() == sourceId);
        }, EventTimeout, $"the request opened from {source} {sourceId}");

    /// <summary>The opportunity kept from directory service <paramref name="serviceId"/>, once <paramref name="ready"/> holds.</summary>
    public static Task<JsonObject> OpportunityFrom(this HttpClient client, Guid serviceId, Func<JsonObject, bool>? ready = null) =>
        Eventually.Get(async () =>
        {
            var page = await (await client.GetAsync($"{Opportunities}?source=community")).OkObject();
            var found = page.Items().FirstOrDefault(o => o["communityServiceId"]?.GetValue<Guid>() == serviceId);
            return found is not null && (ready?.Invoke(found) ?? true) ? found : null;
        }, EventTimeout, $"the opportunity of directory service {serviceId}");

    /// <summary>Waits until <paramref name="consumer"/> has handled the message (its inbox row).</summary>
    public static Task Handled(this SystemFixture system, string consumer, Guid messageId) =>
        Eventually.True(async () => await Sql.Count(system, Database,
                "SELECT count(*) FROM inbox_messages WHERE message_id = $1 AND consumer = $2", messageId, consumer) == 1,
            EventTimeout, $"{consumer} handling {messageId}");

    public static async Task AssertStatus(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
    }
}
