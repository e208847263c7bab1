using Jusou.ServiceDefaults.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceKit.Scans;

/// <summary>
/// A periodic scan over every tenant ({Section}:ScanInterval, default hourly): days pass, so what was outside a window
/// yesterday may be inside it today. The tenants to visit are found across all of them; each is then scanned in a
/// scope (and unit of work) of its own, confined to it, and one tenant's failure never stops the scan for the others.
/// A service says what a scan looks at and does in <see cref="TenantsAsync"/> and <see cref="ScanAsync"/>.
/// </summary>
public abstract class TenantScan<TDbContext>(IServiceScopeFactory scopes, IConfiguration configuration, ILogger logger, TimeProvider clock)
    : BackgroundService
    where TDbContext : ServiceDbContext
{
    /// <summary>The clock scans read "today" from.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The configuration section of its interval, e.g. "Watch" for Watch:ScanInterval.</summary>
    protected abstract string Section { get; }

    /// <summary>What operators read in the log, e.g. "制度切れ watch".</summary>
    protected abstract string Name { get; }

    /// <summary>The tenants with something to scan (the context is not confined to a tenant: use IgnoreQueryFilters).</summary>
    protected abstract Task<List<string>> TenantsAsync(TDbContext db, CancellationToken cancellationToken);

    /// <summary>Scans one tenant (the context is confined to it); returns how many things it raised, for the log.</summary>
    protected abstract Task<int> ScanAsync(TDbContext db, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue($"{Section}:ScanInterval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval, Clock);
        do
        {
            try
            {
                await ScanAllTenantsAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The {Scan} scan failed; it runs again in {Interval}", Name, interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAllTenantsAsync(CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            tenants = await TenantsAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), cancellationToken);
        }
        foreach (var tenant in tenants)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
                var raised = await ScanAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), cancellationToken);
                if (raised > 0) logger.LogInformation("{Scan}: {Count} raised for tenant {Tenant}", Name, raised, tenant);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The {Scan} scan failed for tenant {Tenant}", Name, tenant);
            }
        }
    }
}
