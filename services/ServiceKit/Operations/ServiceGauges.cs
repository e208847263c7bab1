using Jusou.ServiceKit.Messaging;
using System.Diagnostics.Metrics;
using Jusou.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jusou.ServiceKit.Operations;

/// <summary>A number an operator watches in the dashboard, read from the service's database (across all tenants).</summary>
public sealed record ServiceGauge<TDbContext>(string Name, string Unit, string Description, Func<TDbContext, CancellationToken, Task<long>> Read)
    where TDbContext : ServiceDbContext;

/// <summary>
/// Samples this service's gauges every few seconds for the Aspire dashboard: outbox events not yet published and the
/// age of the oldest (a growing lag means the broker or relay is in trouble), messages parked in error queues, and
/// any gauge the service adds (open cases …). Sampling keeps metric collection off the database's hot path.
/// The numbers are the database's, not the process's: of several replicas only one reports them (the one holding a
/// session advisory lock; another takes over when it goes), so a dashboard summing a service's instances counts
/// each number once.
/// </summary>
public sealed class ServiceGauges<TDbContext> : BackgroundService where TDbContext : ServiceDbContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ErrorQueues _errorQueues;
    private readonly IReadOnlyList<ServiceGauge<TDbContext>> _gauges;
    private readonly ILogger _logger;
    private readonly Dictionary<string, long> _values = new();
    private readonly Lock _lock = new();
    private NpgsqlConnection? _reporter; // holds the advisory lock while this replica is the one reporting
    private bool _reporting;

    public ServiceGauges(IServiceScopeFactory scopes, ErrorQueues errorQueues, IEnumerable<ServiceGauge<TDbContext>> gauges,
        TimeProvider clock, ILogger<ServiceGauges<TDbContext>> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _errorQueues = errorQueues;
        _gauges = gauges.ToList();
        _logger = logger;
        Observe("jusou.outbox.pending", "{event}", "Outbox events not yet published to the bus");
        Observe("jusou.outbox.lag", "s", "Age of the oldest outbox event not yet published (0 when none waits)");
        Observe("jusou.outbox.rows", "{row}", "Rows in the outbox, sent and unsent (PostgreSQL's estimate; the retention sweep keeps it bounded)");
        Observe("jusou.inbox.rows", "{row}", "Rows in the inbox (PostgreSQL's estimate; the retention sweep keeps it bounded)");
        Observe("jusou.error_queue.messages", "{message}", "Messages parked in this service's error queues after their retries");
        foreach (var gauge in _gauges) Observe(gauge.Name, gauge.Unit, gauge.Description);
    }

    private void Observe(string name, string unit, string description) =>
        JusouTelemetry.Meter.CreateObservableGauge(name, () =>
        {
            lock (_lock) return _reporting ? [new Measurement<long>(_values.GetValueOrDefault(name))] : Array.Empty<Measurement<long>>();
        }, unit, description);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or broker being away is what the health checks report; the gauges just keep their last value.
                _logger.LogDebug(exception, "Sampling the service gauges failed");
            }
            await Task.Delay(Interval, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
        if (_reporter is not null) await _reporter.DisposeAsync();
    }

    /// <summary>Whether this replica reports the gauges: it holds, or now takes, the service's reporter lock.</summary>
    private async Task<bool> IsReporterAsync(TDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            if (_reporter is null)
            {
                var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
                _reporter = new NpgsqlConnection(connectionString.ConnectionString);
                await _reporter.OpenAsync(cancellationToken);
                await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtext('jusou-gauges'))", _reporter);
                if (await take.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await _reporter.DisposeAsync();
                    _reporter = null;
                }
            }
            else
            {
                // Still the same session (after a database restart or failover the lock is gone with it).
                await using var alive = new NpgsqlCommand("SELECT 1", _reporter);
                await alive.ExecuteScalarAsync(cancellationToken);
            }
        }
        catch (Exception) when (_reporter is not null)
        {
            // The session and its lock are gone: another replica may report from now on, so this one stops.
            await _reporter.DisposeAsync();
            _reporter = null;
            lock (_lock) _reporting = false;
            throw;
        }
        var reporting = _reporter is not null;
        lock (_lock) _reporting = reporting;
        return reporting;
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        if (!await IsReporterAsync(db, cancellationToken)) return;
        var pending = db.OutboxMessages.Where(m => m.SentAt == null);
        var count = await pending.LongCountAsync(cancellationToken);
        var oldest = await pending.MinAsync(m => (DateTimeOffset?)m.OccurredAt, cancellationToken);
        var sampled = new Dictionary<string, long>
        {
            ["jusou.outbox.pending"] = count,
            ["jusou.outbox.lag"] = oldest is { } at ? Math.Max(0, (long)(_clock.GetUtcNow() - at).TotalSeconds) : 0,
        };
        // The planner's estimate, not count(*): reading it costs nothing however large the tables grow.
        sampled["jusou.outbox.rows"] = await EstimatedRowsAsync(db, "outbox_messages", cancellationToken);
        sampled["jusou.inbox.rows"] = await EstimatedRowsAsync(db, "inbox_messages", cancellationToken);
        foreach (var gauge in _gauges) sampled[gauge.Name] = await gauge.Read(db, cancellationToken);
        if (_errorQueues.ConsumerQueues.Count > 0)
        {
            sampled["jusou.error_queue.messages"] = (await _errorQueues.ListAsync(cancellationToken)).Sum(q => (long)q.Messages);
        }
        lock (_lock)
        {
            foreach (var (name, value) in sampled) _values[name] = value;
        }
    }

    private static async Task<long> EstimatedRowsAsync(TDbContext db, string table, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('{table}')";
        return await command.ExecuteScalarAsync(cancellationToken) is long rows ? Math.Max(0, rows) : 0;
    }
}

public static class ServiceGaugeRegistration
{
    /// <summary>Adds a gauge sampled from the database, e.g. open cases: <c>db =&gt; db.SupportCases.IgnoreQueryFilters().LongCountAsync(…)</c>.</summary>
    public static IHostApplicationBuilder AddGauge<TDbContext>(this IHostApplicationBuilder builder, string name, string unit, string description,
        Func<TDbContext, CancellationToken, Task<long>> read) where TDbContext : ServiceDbContext
    {
        builder.Services.AddSingleton(new ServiceGauge<TDbContext>(name, unit, description, read));
        return builder;
    }
}
