using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jusou.Gateway;

/// <summary>
/// The gateway is ready only when what it routes to is: its /health includes each service's /health, called through
/// a client per service ("service-{name}", found by service discovery like the proxied traffic).
/// </summary>
public static class ServicesHealth
{
    public static void AddServicesHealth(this IHostApplicationBuilder builder, GatewayServices services)
    {
        var checks = builder.Services.AddHealthChecks();
        foreach (var service in services.Names)
        {
#pragma warning disable EXTEXP0001 // A probe must report what it sees now, not retry its way past a failing service.
            builder.Services.AddHttpClient($"service-{service}", client =>
            {
                client.BaseAddress = new Uri($"http://{service}");
                client.Timeout = TimeSpan.FromSeconds(5);
            }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
            checks.Add(new HealthCheckRegistration($"{service}-service", provider => new ServiceHealthCheck(
                provider.GetRequiredService<IHttpClientFactory>(), $"service-{service}"), HealthStatus.Unhealthy, ["services"]));
        }
    }

    private sealed class ServiceHealthCheck(IHttpClientFactory clients, string clientName) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var response = await clients.CreateClient(clientName).GetAsync("/health", cancellationToken);
                return response.IsSuccessStatusCode
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"/health answered {(int)response.StatusCode}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return HealthCheckResult.Unhealthy("unreachable", exception);
            }
        }
    }
}
