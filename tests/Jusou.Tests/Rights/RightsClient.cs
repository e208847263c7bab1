using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>Helpers for the RightsAdvocacy tests: calls through the gateway and reads of rightsdb.</summary>
internal static class RightsClient
{
    public const string Matters = "/api/rights/matters";
    public const string CitizenGuardians = "/api/rights/citizen-guardians";
    public const string Contracts = "/api/rights/daily-life-support/contracts";
    public const string Database = "rightsdb";

    /// <summary>A 中核機関 / 社協 worker: the role that keeps the records.</summary>
    public static HttpClient Staff(this SystemFixture system, string tenant) =>
        system.Gateway(tenant, JusouRoles.RightsStaff, subject: "ina-centre-staff", organisation: "kamiina-guardianship-centre");

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, Database, $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    /// <summary>Child rows (no tenant column of their own) of a matter.</summary>
    public static Task<long> MatterRows(this SystemFixture system, string table, Guid matterId) =>
        Sql.Count(system, Database, $"SELECT count(*) FROM {table} WHERE matter_id = $1", matterId);

    /// <summary>Events of <paramref name="eventType"/> (short name, in Jusou.Contracts.RightsAdvocacy) stored for a tenant.</summary>
    public static Task<long> Events(this SystemFixture system, string tenant, string eventType) =>
        Sql.Count(system, Database, "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2",
            tenant, $"Jusou.Contracts.RightsAdvocacy.{eventType}");

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid recordId, string action) =>
        Sql.Count(system, Database, "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3",
            tenant, recordId, action);

    /// <summary>Opens a matter directly and returns its JSON and ETag.</summary>
    public static async Task<(JsonObject Matter, string ETag)> NewMatter(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync(Matters, body);
        return (await response.CreatedObject(), response.ETagOf());
    }

    /// <summary>Moves a matter's stage with If-Match; answers the response.</summary>
    public static Task<HttpResponseMessage> MoveStage(this HttpClient client, Guid matterId, string? etag, string stage, DateOnly? on,
        string? endReason = null, string? court = null, string? caseNumber = null) =>
        client.Send(HttpMethod.Post, $"{Matters}/{matterId}/stage-changes", new { stage, on, endReason, court, caseNumber }, etag);

    /// <summary>Moves a matter through <paramref name="steps"/>, each expected to succeed; answers the last ETag.</summary>
    public static async Task<string> MoveThrough(this HttpClient client, Guid matterId, string etag, params (string Stage, DateOnly On)[] steps)
    {
        foreach (var (stage, on) in steps)
        {
            var response = await client.MoveStage(matterId, etag, stage, on, endReason: stage == "ended" ? "death" : null);
            await response.CreatedObject();
            etag = response.ETagOf();
        }
        return etag;
    }

    /// <summary>Today in Japan, as the service counts days.</summary>
    public static DateOnly TodayInJapan => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
}
