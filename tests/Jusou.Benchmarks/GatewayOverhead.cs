using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Benchmarks;

/// <summary>
/// P1: the gateway's cost on a real endpoint — GET one consultation by id (JWT checked twice, a database read and its
/// audit row) — through YARP against the service called directly, at the same concurrency. Also a trivial endpoint
/// (the code tables), where the design notes measured YARP's default at 0.30×.
/// </summary>
public static class GatewayOverhead
{
    private const int Concurrency = 16;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    public static async Task<IReadOnlyList<Measure>> RunAsync(BenchSystem system)
    {
        const string tenant = "479012";
        using var gateway = system.Client(tenant, JusouRoles.IntakeWorker);
        using var direct = system.Client(tenant, JusouRoles.IntakeWorker, direct: "intake");
        var created = await gateway.PostAsJsonAsync("/api/intake/consultations", new { channel = "counter", mainConcern = "8050" });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();

        var consultation = $"/api/intake/consultations/{id}";
        var directRead = await Load.Closed(Concurrency, WarmUp, Duration, () => Get(direct, consultation));
        var gatewayRead = await Load.Closed(Concurrency, WarmUp, Duration, () => Get(gateway, consultation));
        var directCodes = await Load.Closed(Concurrency, WarmUp, Duration, () => Get(direct, "/api/intake/codes"));
        var gatewayCodes = await Load.Closed(Concurrency, WarmUp, Duration, () => Get(gateway, "/api/intake/codes"));

        var throughput = gatewayRead.PerSecond / directRead.PerSecond;
        var p99 = gatewayRead.P99Ms / directRead.P99Ms;
        var trivial = gatewayCodes.PerSecond / directCodes.PerSecond;
        return
        [
            new("P1", $"GET consultation through the gateway vs direct, {Concurrency} callers", gatewayRead.ToString(), directRead.ToString(),
                throughput, "throughput ≥ 0.7×, p99 ≤ 1.5×", throughput >= 0.7 && p99 <= 1.5, $"p99 ratio {p99:F2}×"),
            new("P1t", $"GET code tables (trivial) through the gateway vs direct, {Concurrency} callers", gatewayCodes.ToString(), directCodes.ToString(),
                trivial, "beat YARP's default 0.30×", trivial > 0.30),
        ];
    }

    private static async Task<bool> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode;
    }
}
