using System.Net.Http.Headers;
using System.Net.Http.Json;
using Jusou.Tools.Demo;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.AppHost;

/// <summary>Buttons in the dashboard for what operators do by hand.</summary>
public static class OperatorCommands
{

    private sealed record ErrorQueue(string Queue, string Name, uint Messages);

    /// <summary>
    /// "Re-drive error queues": moves every message parked in the service's error queues back for another try, through
    /// the service's own ops API (GET/POST /api/{service}/ops/error-queues), signed in as role ops.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRedriveErrorQueuesCommand(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ParameterResource> signingKey) =>
        service.WithCommand("redrive-error-queues", "Re-drive error queues", async context =>
        {
            var key = await signingKey.Resource.GetValueAsync(context.CancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(service.GetEndpoint("http").Url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                DevelopmentTokens.Mint(key!, JusouClaims.OperatorTenant, JusouRoles.Ops, subject: "aspire-dashboard", lifetime: TimeSpan.FromMinutes(5)));

            var path = $"/api/{service.Resource.Name}/ops/error-queues";
            var queues = await http.GetFromJsonAsync<List<ErrorQueue>>(path, context.CancellationToken) ?? [];
            foreach (var queue in queues.Where(q => q.Messages > 0))
            {
                var response = await http.PostAsync($"{path}/{queue.Queue}/redrive", content: null, context.CancellationToken);
                if (!response.IsSuccessStatusCode) return CommandResults.Failure($"{queue.Queue}: {(int)response.StatusCode}");
            }
            return CommandResults.Success();
        }, new CommandOptions
        {
            Description = "Move messages parked in this service's error queues back to their queues for another try.",
            IconName = "ArrowRepeatAll",
            UpdateState = state => state.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });

    /// <summary>
    /// "Load demo data" on the gateway: the two sample municipalities of <c>./jusou demo</c> (遠野市-like and 伊那市-like),
    /// loaded through the gateway's public API as their own staff would. Loading again adds nothing twice.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLoadDemoDataCommand(this IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<ParameterResource> signingKey) =>
        gateway.WithCommand("load-demo-data", "Load demo data", async context =>
        {
            var key = await signingKey.Resource.GetValueAsync(context.CancellationToken);
            var demo = new Tools.Demo.Demo(new Uri(gateway.GetEndpoint("http").Url + "/"), key!);
            try
            {
                var tono = await Tono.LoadAsync(demo, Tono.Tenant);
                var ina = await Ina.LoadAsync(demo, Ina.Tenant);
                return new ExecuteCommandResult { Success = true, Message = $"遠野市 ({Tono.Tenant}): {tono}. 伊那市 ({Ina.Tenant}): {ina}." };
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or TimeoutException or TaskCanceledException)
            {
                return CommandResults.Failure(exception.Message);
            }
        }, new CommandOptions
        {
            Description = "Load the two sample municipalities (遠野市-like 032085, 伊那市-like 202096) through the gateway, as ./jusou demo does.",
            ConfirmationMessage = "Load the demo municipalities 遠野市 (032085) and 伊那市 (202096) into this system?",
            IconName = "DatabaseArrowUp",
            UpdateState = state => state.ResourceSnapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
}
