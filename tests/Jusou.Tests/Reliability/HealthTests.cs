using System.Net;
using Aspire.Hosting.Testing;
using Jusou.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jusou.Tests.Reliability;

/// <summary>/health tells the truth about the database and the broker, and the AppHost (the dashboard) shows it.</summary>
[Collection(SystemCollection.Name)]
public sealed class HealthTests(SystemFixture system)
{
    [Theory]
    [InlineData("postgres")]
    [InlineData("messaging")]
    public async Task Health_turns_unhealthy_while_a_dependency_is_gone_and_healthy_after(string dependency)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var intake = system.App.CreateHttpClient("intake");
        Assert.Equal(HttpStatusCode.OK, (await intake.GetAsync("/health", timeout.Token)).StatusCode);

        await system.StopResource(dependency, timeout.Token);
        try
        {
            await Eventually.True(async () => (await intake.GetAsync("/health", timeout.Token)).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(60), $"intake's /health to report {dependency} gone");
            await system.WaitForHealth("intake", HealthStatus.Unhealthy, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, (await intake.GetAsync("/alive", timeout.Token)).StatusCode); // alive, just not ready
        }
        finally
        {
            await system.StartResource(dependency, timeout.Token);
        }

        await Eventually.True(async () => (await intake.GetAsync("/health", timeout.Token)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), $"intake's /health to recover after {dependency} is back");
        await system.WaitForHealth("intake", HealthStatus.Healthy, timeout.Token);
        await system.WaitForSystemHealthy(timeout.Token);
    }
}
