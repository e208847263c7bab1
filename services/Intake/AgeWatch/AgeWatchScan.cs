using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.AgeWatch;

/// <summary>
/// The periodic age scan (AgeWatch:ScanInterval, default hourly): days pass, so someone outside the window yesterday may
/// be inside it today. Each tenant is scanned in a unit of work of its own.
/// </summary>
public sealed class AgeWatchScan(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<AgeWatchScan> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("AgeWatch:ScanInterval", TimeSpan.FromHours(1));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await ScanAllTenantsAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The age watch scan failed; it runs again in {Interval}", interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAllTenantsAsync(CancellationToken cancellationToken)
    {
        List<string> tenants;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            tenants = await db.Consultations.IgnoreQueryFilters().Where(c => c.Disposition == "multi_agency")
                .Select(c => c.TenantCode).Distinct().ToListAsync(cancellationToken);
        }
        foreach (var tenant in tenants)
        {
            // One tenant's failure must not stop the watch for the others.
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
                var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var published = await AgeThresholdCheck.EvaluateAsync(db, personIds: null, JapanDate.Today(clock), clock.GetUtcNow(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (published > 0) logger.LogInformation("Age watch: {Count} approaching ages announced for tenant {Tenant}", published, tenant);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The age watch scan failed for tenant {Tenant}", tenant);
            }
        }
    }
}
