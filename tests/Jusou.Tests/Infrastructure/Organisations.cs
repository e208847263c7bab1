using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// The municipality's organisations are those of CommunityResources' directory, and every service checks the codes it is
/// given against what it has learnt from OrganisationRegistered. A test that names an organisation registers it for its
/// tenant first, and waits until the services that check codes know it (the bus is eventually consistent).
/// </summary>
public static class Organisations
{
    /// <summary>The services that keep the directory's organisations and refuse unknown codes.</summary>
    public static readonly IReadOnlyList<string> CheckedBy = ["intake", "multiagency", "participation"];

    public static readonly TimeSpan KnownTimeout = TimeSpan.FromSeconds(60);

    // One registration per tenant and code in a run: a second call waits for the first.
    private static readonly ConcurrentDictionary<(string Tenant, string Code), Lazy<Task>> Registered = new();

    /// <summary>A fresh tenant whose directory has <paramref name="codes"/>, known to every service.</summary>
    public static async Task<string> FreshTenantWith(this SystemFixture system, params string[] codes)
    {
        var tenant = Tenants.Fresh();
        await system.RegisterOrganisationsAsync(tenant, codes);
        return tenant;
    }

    /// <summary>
    /// Registers each code (a 法人番号 as corporateNumber, any other as the municipality's own code) in the tenant's
    /// directory, and returns once Intake, MultiAgency and Participation all know it.
    /// </summary>
    public static Task RegisterOrganisationsAsync(this SystemFixture system, string tenant, params string[] codes) =>
        Task.WhenAll(codes.Distinct().Select(code =>
            Registered.GetOrAdd((tenant, code), key => new Lazy<Task>(() => RegisterAsync(system, key.Tenant, key.Code))).Value));

    private static async Task RegisterAsync(SystemFixture system, string tenant, string code)
    {
        using var staff = system.Gateway(tenant, JusouRoles.CommunityStaff, subject: "directory-staff");
        object body = CorporateNumber.IsValid(code)
            ? new { name = $"法人 {code}", kind = "social_welfare_corporation", corporateNumber = code }
            : new { name = $"団体 {code}", kind = "other", code };
        using var response = await staff.PostAsJsonAsync("/api/community/organisations", body);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict,
            $"registering '{code}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await system.WaitUntilKnownAsync(tenant, code);
    }

    /// <summary>Waits until every service that checks codes knows <paramref name="code"/> in <paramref name="tenant"/>.</summary>
    public static async Task WaitUntilKnownAsync(this SystemFixture system, string tenant, string code, long? version = null)
    {
        using var reader = system.Gateway(tenant, JusouRoles.Manager, subject: "directory-reader");
        await Task.WhenAll(CheckedBy.Select(service => Eventually.True(async () =>
        {
            using var known = await reader.GetAsync($"/api/{service}/organisations/{code}");
            if (known.StatusCode != HttpStatusCode.OK) return false;
            return version is null || (await known.ReadObject())["version"]!.GetValue<long>() >= version;
        }, KnownTimeout, $"{service} to know organisation '{code}' of {tenant}")));
    }
}
