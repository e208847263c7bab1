using Jusou.Intake.Consultations;
using Jusou.Messaging;
using Jusou.Messaging.Outbox;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Consultation> Consultations => Set<Consultation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Consultation.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
