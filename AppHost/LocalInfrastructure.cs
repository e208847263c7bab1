using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jusou.AppHost;

/// <summary>Where local infrastructure keeps its data and generated secrets, and which port the gateway takes.</summary>
public static class LocalInfrastructure
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>Jusou:DataDirectory, or .jusou/data in this checkout (git-ignored).</summary>
    public static string DataDirectory(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Jusou:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", ".jusou", "data")
            : configured);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>How the system is laid out on this machine: Jusou:Topology (single | distributed) and Jusou:Replicas.</summary>
    public sealed record SystemTopology(bool Distributed, int Replicas);

    public static SystemTopology Topology(IDistributedApplicationBuilder builder)
    {
        var distributed = (builder.Configuration["Jusou:Topology"] ?? "single") switch
        {
            "single" => false,
            "distributed" => true,
            var other => throw new InvalidOperationException($"Jusou:Topology must be single or distributed, not '{other}'."),
        };
        var replicas = builder.Configuration.GetValue<int?>("Jusou:Replicas") ?? (distributed ? 2 : 1);
        if (replicas < 1) throw new InvalidOperationException("Jusou:Replicas must be at least 1.");
        return new SystemTopology(distributed, replicas);
    }

    /// <summary>Jusou:GatewayPort; 0 means any free port (tests), unset means 5080.</summary>
    public static int? GatewayPort(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<int?>("Jusou:GatewayPort") switch
        {
            null => DefaultGatewayPort,
            0 => null,
            var port => port,
        };

    public const int DefaultConsolePort = 5090;

    /// <summary>Jusou:ConsolePort; 0 means any free port (tests), unset means 5090.</summary>
    public static int? ConsolePort(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<int?>("Jusou:ConsolePort") switch
        {
            null => DefaultConsolePort,
            0 => null,
            var port => port,
        };

    /// <summary>
    /// A random secret kept beside the data it protects (mode 600), created on first use. The PostgreSQL password
    /// and the data directory therefore always match, and no secret is ever committed.
    /// </summary>
    public static string Secret(string dataDirectory, string name)
    {
        var path = Path.Combine(dataDirectory, "secrets", name);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    /// <summary>
    /// Shows <paramref name="source"/>'s state on a resource that runs nothing itself (a database, a cluster). Aspire
    /// mirrors a parent's state onto its children only for containers; without this the dashboard shows "Unknown".
    /// </summary>
    public static void MirrorState<T>(IResourceBuilder<T> mirror, IResource source) where T : IResource
    {
        mirror.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(mirror.Resource, (initialize, cancellationToken) =>
        {
            var stopping = initialize.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var update in initialize.Notifications.WatchAsync(stopping))
                    {
                        if (!ReferenceEquals(update.Resource, source)) continue;
                        await initialize.Notifications.PublishUpdateAsync(mirror.Resource, snapshot => snapshot with
                        {
                            State = update.Snapshot.State,
                            StartTimeStamp = update.Snapshot.StartTimeStamp,
                            StopTimeStamp = update.Snapshot.StopTimeStamp,
                        });
                    }
                }
                catch (OperationCanceledException)
                {
                    // The AppHost is stopping.
                }
            }, stopping);
            return Task.CompletedTask;
        });
    }

    internal static string Script(IDistributedApplicationBuilder builder, string name) =>
        Path.Combine(builder.AppHostDirectory, "infra", name);
}
