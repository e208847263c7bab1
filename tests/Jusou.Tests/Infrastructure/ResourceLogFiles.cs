using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// Writes the console output of every resource instance (each replica of a service, the gateways, the database
/// servers, the broker nodes) to its own file under .jusou/test-results/resource-logs/{fixture}/, so that an answer a
/// test did not expect (a 500, say) can be traced to the exception a service logged for it. The test process logs only
/// warnings, and a service's console lines reach it as information, so without these files they are lost.
/// </summary>
public sealed class ResourceLogFiles(DistributedApplication app, string directory) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _copies = [];
    private Task _watch = Task.CompletedTask;

    public string Directory => directory;

    /// <summary>Starts copying; call it before the application starts, so that start-up lines are kept too.</summary>
    public void Start()
    {
        System.IO.Directory.CreateDirectory(directory);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        _watch = Task.Run(async () =>
        {
            var copied = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                // One event per change of any instance; the first one of an instance starts its copy.
                await foreach (var change in notifications.WatchAsync(_stop.Token))
                {
                    if (!copied.Add(change.ResourceId)) continue;
                    lock (_copies) _copies.Add(Copy(logs, change.ResourceId));
                }
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        });
    }

    private async Task Copy(ResourceLoggerService logs, string resourceId)
    {
        var path = Path.Combine(directory, $"{resourceId}.log");
        await using var file = new StreamWriter(path, append: true) { AutoFlush = true };
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync($"{(line.IsErrorMessage ? "E " : "  ")}{line.Content}");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        Task[] copies;
        lock (_copies) copies = [.. _copies];
        await Task.WhenAll(copies);
        _stop.Dispose();
    }

    /// <summary>.jusou/test-results/resource-logs/{name} in the checkout (tests run from tests/Jusou.Tests/bin/Debug/net10.0).</summary>
    public static string DirectoryFor(string name)
    {
        var root = AppContext.BaseDirectory;
        for (var i = 0; i < 5; i++) root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        return Path.Combine(root, ".jusou", "test-results", "resource-logs", name);
    }
}
