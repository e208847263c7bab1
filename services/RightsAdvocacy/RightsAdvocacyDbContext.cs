using Jusou.Messaging;
using Jusou.Messaging.Inbox;
using Jusou.Messaging.Outbox;
using Jusou.RightsAdvocacy.CitizenGuardians;
using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.RightsAdvocacy;

public sealed class RightsAdvocacyDbContext(DbContextOptions<RightsAdvocacyDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<GuardianshipMatter> Matters => Set<GuardianshipMatter>();
    public DbSet<CitizenGuardian> CitizenGuardians => Set<CitizenGuardian>();
    public DbSet<DailyLifeSupportContract> DailyLifeSupportContracts => Set<DailyLifeSupportContract>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        GuardianshipMatter.Configure(modelBuilder);
        CitizenGuardian.Configure(modelBuilder);
        DailyLifeSupportContract.Configure(modelBuilder);
        WithdrawnSource.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
