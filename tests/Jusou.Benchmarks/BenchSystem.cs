using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Jusou.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jusou.Benchmarks;

/// <summary>
/// The whole system as `./jusou up` runs it — the real AppHost, with its PostgreSQL, RabbitMQ, six services and
/// gateway — in a throw-away data directory, with the gateway's per-user rate limit raised so it does not cap the load.
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public static readonly string[] Services = [.. Jusou.AppHost.JusouServices.Names];

    private readonly string _dataDirectory;
    private readonly string _signingKey;

    private BenchSystem(DistributedApplication app, string dataDirectory, string signingKey, TimeSpan startToHealthy)
    {
        App = app;
        _dataDirectory = dataDirectory;
        _signingKey = signingKey;
        StartToHealthy = startToHealthy;
    }

    public DistributedApplication App { get; }

    /// <summary>From starting the AppHost to every service and the gateway reporting healthy (P6).</summary>
    public TimeSpan StartToHealthy { get; }

    public static async Task<BenchSystem> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"jusou-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        var signingKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Jusou_AppHost>(
            [
                $"--Jusou:DataDirectory={dataDirectory}",
                "--Jusou:GatewayPort=0",
                $"--Parameters:jwt-signing-key={signingKey}",
                "--Gateway:RateLimit:PermitsPerSecond=1000000",
                "--Gateway:RateLimit:Burst=1000000",
            ],
            (options, _) => options.DisableDashboard = true,
            timeout.Token);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("Jusou.AppHost.Resources", LogLevel.Error)
            .AddFilter("Aspire", LogLevel.Error));
        // No dashboard runs here, so nothing receives telemetry: left configured, every service would spend CPU retrying
        // exports to an absent collector (measured on Intake under load: ~30 failed exports a second). The services
        // export nothing when no OTLP endpoint is given (ServiceDefaults).
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context => context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
        }
        var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        foreach (var resource in Services.Append("gateway"))
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        }
        return new BenchSystem(app, dataDirectory, signingKey, clock.Elapsed);
    }

    public string Token(string tenant, string role, string? subject = null) =>
        DevelopmentTokens.Mint(_signingKey, tenant, role, organisation: "bench-org", subject: subject, lifetime: TimeSpan.FromHours(2));

    /// <summary>A client of the gateway or, with <paramref name="direct"/>, of the service itself, sharing a connection pool of <paramref name="connections"/>.</summary>
    public HttpClient Client(string tenant, string role, string? direct = null, int connections = 64)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = App.GetEndpoint(direct ?? "gateway", "http"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(tenant, role));
        return client;
    }

    public async Task<string> ConnectionString(string resource) =>
        (await App.GetConnectionStringAsync(resource))! + (resource.EndsWith("db", StringComparison.Ordinal) ? ";Pooling=true;Maximum Pool Size=20" : "");

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
