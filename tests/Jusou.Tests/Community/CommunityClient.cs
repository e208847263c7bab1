using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Community;

/// <summary>Helpers for the CommunityResources tests: calls through the gateway and reads of communitydb.</summary>
internal static class CommunityClient
{
    public const string Root = "/api/community";
    public const string Database = "communitydb";

    public static HttpClient Staff(this SystemFixture system, string tenant, string subject = "staff-1") =>
        system.Gateway(tenant, JusouRoles.CommunityStaff, subject: subject);

    public static Task<long> Rows(this SystemFixture system, string table, string tenant) =>
        Sql.Count(system, Database, $"SELECT count(*) FROM {table} WHERE tenant_code = $1", tenant);

    /// <summary>Events of <paramref name="eventType"/> (short name, in Jusou.Contracts.CommunityResources) stored in the outbox for a tenant.</summary>
    public static Task<long> Events(this SystemFixture system, string tenant, string eventType) =>
        Sql.Count(system, Database, "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND event_type = $2",
            tenant, $"Jusou.Contracts.CommunityResources.{eventType}");

    public static Task<long> AuditRows(this SystemFixture system, string tenant, Guid recordId, string action) =>
        Sql.Count(system, Database, "SELECT count(*) FROM audit_entries WHERE tenant_code = $1 AND record_id = $2 AND action = $3",
            tenant, recordId, action);

    /// <summary>市全域 &gt; one 日常生活圏域 &gt; one 地区, the smallest hierarchy most tests need.</summary>
    public static async Task SeedAreas(this HttpClient staff)
    {
        await (await staff.Post($"{Root}/areas", new { code = "city", name = "市全域", level = "city" })).CreatedObject();
        await (await staff.Post($"{Root}/areas", new { code = "east", name = "東部圏域", level = "daily_life_area", parentCode = "city" })).CreatedObject();
        await (await staff.Post($"{Root}/areas", new { code = "aozasa", name = "青笹地区", level = "district", parentCode = "east" })).CreatedObject();
    }

    /// <summary>Registers an organisation with <paramref name="code"/>, or a fresh code of its own.</summary>
    public static async Task<Guid> NewOrganisation(this HttpClient staff, string name = "社会福祉協議会", string kind = "social_welfare_council",
        string? code = null) =>
        (await (await staff.Post($"{Root}/organisations", new { name, kind, code = code ?? $"org-{Guid.NewGuid():N}"[..20] })).CreatedObject()).Id();

    public static object Programme(Guid organisationId, string name = "まちの縁側", string area = "city", string method = "commissioned",
        string[]? kinds = null, string[]? targetGroups = null, bool participationCapable = false, Guid[]? locationIds = null) => new
        {
            organisationId,
            name,
            statutoryProject = "community_building",
            deliveryMethod = method,
            areaCode = area,
            kinds = kinds ?? ["ibasho"],
            targetGroups = targetGroups ?? ["all"],
            description = "誰でも立ち寄れる居場所",
            eligibilityDescription = "全市民",
            department = "福祉相談課",
            participationCapable,
            capacity = 20,
            locationIds = locationIds ?? [],
            schedules = new[] { new { freq = "WEEKLY", byDay = "TU,FR", opensAt = "10:00:00", closesAt = "15:00:00", description = "毎週火・金" } },
        };
}
