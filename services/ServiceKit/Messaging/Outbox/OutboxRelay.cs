using Jusou.Contracts;
using Jusou.ServiceKit.Operations;
using Jusou.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace Jusou.ServiceKit.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ and marks them sent. Rows are claimed with FOR UPDATE SKIP LOCKED,
/// so any number of instances can relay side by side; a row is marked sent only after the broker confirmed it, so
/// a crash at any point leaves it unsent and it is published again (with the same MessageId) after a restart.
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OperationsConnection operations,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : ServiceDbContext
{
    private const int BatchSize = 100;
    /// <summary>Safety net for rows that no local commit announced (another instance, a restart).</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    /// <summary>A batch, once started, is finished even during shutdown, but never waits longer than this.</summary>
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromSeconds(30);

    private static readonly System.Diagnostics.Metrics.Counter<long> Published =
        JusouTelemetry.Meter.CreateCounter<long>("jusou.outbox.published", description: "Outbox events published to the bus");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var exchangeDeclared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                if (!exchangeDeclared)
                {
                    await EventsExchange.DeclareAsync(await operations.GetAsync(stoppingToken), bus, stoppingToken);
                    exchangeDeclared = true;
                }
                sent = await RelayBatchAsync();
                failures = 0;
            }
            catch (Exception exception)
            {
                failures++;
                var wait = TimeSpan.FromMilliseconds(Math.Min(200 * Math.Pow(2, failures), 10_000));
                logger.LogWarning(exception, "Outbox relay failed ({Failures} in a row); retrying in {Wait}", failures, wait);
                await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
                continue;
            }

            // A full batch means more may be waiting: go again at once.
            if (sent < BatchSize)
            {
                await signal.WaitAsync(PollInterval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Publishes one batch of unsent rows; returns how many.</summary>
    private async Task<int> RelayBatchAsync()
    {
        using var timeout = new CancellationTokenSource(BatchTimeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        await using var transaction = await db.Database.BeginTransactionAsync(timeout.Token);
        List<OutboxMessage> batch;
        // Looking is not worth a trace: an idle relay would fill the dashboard with a span every second.
        using (SuppressInstrumentationScope.Begin())
        {
            batch = await db.OutboxMessages
                .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking()
                .ToListAsync(timeout.Token);
        }
        if (batch.Count == 0) return 0;

        // Published concurrently so broker confirms are awaited together, not one round trip per event.
        await Task.WhenAll(batch.Select(row =>
        {
            var (message, type) = row.Read();
            return bus.Publish(message, type, context =>
            {
                context.MessageId = row.Id;
                // Ignored by the type's own exchange; routes the event on the integrators' topic exchange (EventsExchange).
                context.SetRoutingKey(EventNames.RoutingKey(row.TenantCode, type));
            }, timeout.Token);
        }));

        var ids = batch.Select(row => row.Id).ToList();
        var now = clock.GetUtcNow();
        await db.OutboxMessages.Where(row => ids.Contains(row.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(row => row.SentAt, now), timeout.Token);
        await transaction.CommitAsync(timeout.Token);

        Published.Add(batch.Count);
        logger.LogDebug("Outbox relay published {Count} events", batch.Count);
        return batch.Count;
    }
}
