using Jusou.ServiceKit.Messaging;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Jusou.ServiceDefaults.Auth;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// The whole system, started once per test run through the real AppHost: PostgreSQL and RabbitMQ in a fresh temporary
/// data folder, the six services and the gateway on free ports. Tests share it and isolate themselves by tenant.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    /// <summary>
    /// How long the AppHost may take to report the gateway healthy: about a minute on a quiet 2-core machine; generous,
    /// because a machine shared with other builds can take several.
    /// </summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromMinutes(8);

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"jusou-test-{Guid.NewGuid():N}");
    private readonly string _signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public DistributedApplication App { get; private set; } = null!;
    public string SigningKey => _signingKey;

    /// <summary>The one browser origin the test system's gateway allows (CORS).</summary>
    public const string PortalOrigin = "https://portal.example.lg.jp";

    /// <summary>What the AppHost is told besides the test settings (the distributed shape says its topology here).</summary>
    protected virtual IEnumerable<string> AppHostArguments => [];

    /// <summary>
    /// Whether every resource's console output is kept in files (<see cref="ResourceLogFiles"/>): the distributed tests
    /// keep it, to find what a service logged for an answer they did not expect.
    /// </summary>
    protected virtual bool KeepsResourceLogs => false;

    /// <summary>Disposed in <see cref="DisposeAsync"/>, like <see cref="App"/>.</summary>
    private ResourceLogFiles? ResourceLogs { get; set; }

    /// <summary>How long the AppHost took to report the gateway healthy, for the test output.</summary>
    public TimeSpan StartDuration { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Jusou_AppHost>(
            [
                $"--Jusou:DataDirectory={_dataDirectory}",
                "--Jusou:GatewayPort=0",
                "--Jusou:ConsolePort=0",
                $"--Parameters:jwt-signing-key={_signingKey}",
                $"--Gateway:Cors:AllowedOrigins:0={PortalOrigin}",
                .. AppHostArguments,
            ],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        appHost.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            // Resources report unhealthy until they are up; that is expected during start and restarts.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Jusou.AppHost.Resources", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning));

        // No dashboard runs here, so nothing receives telemetry: left configured, every service would spend CPU retrying
        // exports to an absent collector (docs/performance-notes.md). The services export nothing without an endpoint.
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
        }

        App = await appHost.BuildAsync(timeout.Token);
        if (KeepsResourceLogs)
        {
            ResourceLogs = new ResourceLogFiles(App, ResourceLogFiles.DirectoryFor(GetType().Name));
            ResourceLogs.Start();
            Console.WriteLine($"jusou-tests: {GetType().Name} keeps its resources' console output in {ResourceLogs.Directory}");
        }
        await App.StartAsync(timeout.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
        // The staff's console starts after the gateway; the browser tests use it.
        await App.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        StartDuration = started.Elapsed;
        Console.WriteLine($"jusou-tests: {GetType().Name} started in {StartDuration.TotalSeconds:F1} s");
    }

    public virtual async Task DisposeAsync()
    {
        // The copies stop first: the application's log streams go with it.
        if (ResourceLogs is not null) await ResourceLogs.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A client of the gateway, signed in as <paramref name="role"/> of <paramref name="tenant"/>.</summary>
    public HttpClient Gateway(string tenant, string role, string? subject = null, string organisation = "test-org", string? name = null)
    {
        var client = App.CreateHttpClient("gateway");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevelopmentTokens.Mint(_signingKey, tenant, role, organisation: organisation, subject: subject, name: name));
        return client;
    }

    /// <summary>Publishes messages on the system's broker as another system would, each with its EventId as MessageId.</summary>
    public async Task Publish(params Jusou.Contracts.IIntegrationEvent[] messages)
    {
        var broker = Jusou.ServiceKit.Messaging.BrokerAddress.Parse((await ConnectionString("messaging"))!);
        var bus = Bus.Factory.CreateUsingRabbitMq(broker.ConfigureHost);
        await bus.StartAsync();
        try
        {
            foreach (var message in messages)
            {
                await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId);
            }
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>A client of the gateway with no token at all.</summary>
    public HttpClient AnonymousGateway() => App.CreateHttpClient("gateway");

    /// <summary>
    /// A resource's connection string. Database connections are unpooled: tests restart PostgreSQL, and a pooled
    /// connection would outlive the server it was opened to.
    /// </summary>
    public async Task<string?> ConnectionString(string resource) =>
        await App.GetConnectionStringAsync(resource) + (resource.EndsWith("db", StringComparison.Ordinal) ? ";Pooling=false" : "");

    public async Task StopResource(string resource, CancellationToken cancellationToken)
    {
        // On a loaded machine the command can report "timed out waiting for process to stop"; DCP has killed the
        // process by then and the state reads Unknown rather than Exited, so neither the result nor the state is waited on.
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand, cancellationToken);
    }

    /// <summary>Kills a project resource's processes with SIGKILL: no shutdown, no goodbye, like a crash.</summary>
    public void KillResource(string resource)
    {
        if (!App.ResourceNotifications.TryGetCurrentState(resource, out var current)) throw new InvalidOperationException($"No resource {resource}.");
        var pid = current.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value
            ?? throw new InvalidOperationException($"{resource} reports no process id.");
        using var process = System.Diagnostics.Process.GetProcessById(Convert.ToInt32(pid));
        process.Kill(entireProcessTree: true);
    }

    /// <summary>Starts the resource unless it is already running (for clean-up after a disruptive test).</summary>
    public async Task EnsureRunning(string resource, CancellationToken cancellationToken)
    {
        if (App.ResourceNotifications.TryGetCurrentState(resource, out var current)
            && current.Snapshot.State?.Text == KnownResourceStates.Running)
        {
            return;
        }
        await StartResource(resource, cancellationToken);
    }

    /// <summary>After a test that took something down: wait until the gateway reports every service ready again.</summary>
    public async Task WaitForSystemHealthy(CancellationToken cancellationToken)
    {
        var gateway = AnonymousGateway();
        while (true)
        {
            try
            {
                if ((await gateway.GetAsync("/health", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // still coming back
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    public Task WaitForHealth(string resource, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus status, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.HealthStatus == status, cancellationToken);

    public async Task StartResource(string resource, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, cancellationToken);
        if (!result.Success) throw new InvalidOperationException($"Starting {resource} failed: {result.Message}");
        // Wait for Running before waiting for healthy: just after the command the snapshot may still say Exited,
        // which the health wait would take for a failed start.
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.Running, cancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}

/// <summary>
/// Each test works in a tenant of its own, so tests never see each other's data. Fresh codes are handed out in turn
/// from one counter per run, never twice, and each is a well-formed 全国地方公共団体コード (prefecture 01–47, check
/// digit right); the demo's municipalities are never handed out.
/// </summary>
public static class Tenants
{
    public const string Tono = "032085";
    public const string Ina = "202096";

    /// <summary>47 prefectures × 999 group codes: far more than a run's tests ask for.</summary>
    public const int Capacity = 47 * 999;

    private static int _next = -1;

    public static string Fresh()
    {
        while (true)
        {
            var n = Interlocked.Increment(ref _next);
            if (n >= Capacity) throw new InvalidOperationException($"More than {Capacity} fresh tenants in one run.");
            var code = Nth(n);
            if (code is not Tono and not Ina) return code;
        }
    }

    /// <summary>The n-th code of the sequence 01001x, 01002x … 01999x, 02001x …: distinct for distinct n.</summary>
    public static string Nth(int n) => MunicipalityCode.WithCheckDigit($"{1 + n / 999:D2}{1 + n % 999:D3}");
}
