using Jusou.ServiceKit.Scans;

namespace Jusou.Intake.AgeWatch;

/// <summary>
/// The periodic age scan (AgeWatch:ScanInterval, default hourly) over every tenant with consultations referred to
/// 多機関協働: announces the persons who came inside an age threshold's window since the last scan.
/// </summary>
public sealed class AgeWatchScan(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<AgeWatchScan> logger)
    : TenantScan<IntakeDbContext>(scopes, configuration, logger, clock)
{
    protected override string Section => "AgeWatch";

    protected override string Name => "age watch";

    protected override Task<List<string>> TenantsAsync(IntakeDbContext db, CancellationToken cancellationToken) =>
        db.Consultations.IgnoreQueryFilters().Where(c => c.Disposition == "multi_agency")
            .Select(c => c.TenantCode).Distinct().ToListAsync(cancellationToken);

    protected override async Task<int> ScanAsync(IntakeDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var published = await AgeThresholdCheck.EvaluateAsync(db, personIds: null, JapanDate.Today(Clock), Clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }
}
