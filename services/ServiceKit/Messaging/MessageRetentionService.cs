using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceKit.Messaging;

/// <summary>
/// Runs the retention sweep of the outbox and the inbox every Messaging:Retention:Interval (10 minutes by default),
/// the first shortly after start. Every instance sweeps; two sweeps at once only delete the same rows.
/// </summary>
public sealed class MessageRetentionService<TDbContext>(
    IServiceScopeFactory scopes,
    MessageRetention retention,
    ILogger<MessageRetentionService<TDbContext>> logger) : BackgroundService
    where TDbContext : ServiceDbContext
{
    private static readonly TimeSpan FirstSweepAfter = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = retention.Settings.Interval < FirstSweepAfter ? retention.Settings.Interval : FirstSweepAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            if (stoppingToken.IsCancellationRequested) return;
            wait = retention.Settings.Interval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = await retention.SweepAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), stoppingToken);
                Log(logger, sweep);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is what the health checks report; the next sweep catches up.
                logger.LogWarning(exception, "The outbox and inbox retention sweep failed; trying again in {Interval}", wait);
            }
        }
    }

    /// <summary>One line per sweep that deleted something.</summary>
    internal static void Log(ILogger logger, MessageRetentionSweep sweep)
    {
        if (sweep.OutboxDeleted + sweep.InboxDeleted == 0) return;
        logger.LogInformation("Retention sweep deleted {OutboxDeleted} sent outbox rows and {InboxDeleted} inbox rows in {ElapsedMilliseconds} ms",
            sweep.OutboxDeleted, sweep.InboxDeleted, sweep.ElapsedMilliseconds);
    }
}
