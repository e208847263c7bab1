using Jusou.Messaging;
using Jusou.Messaging.Inbox;
using Jusou.Messaging.Outbox;
using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Targets;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Outreach;

public sealed class OutreachDbContext(DbContextOptions<OutreachDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ContactAttempt> ContactAttempts => Set<ContactAttempt>();
    public DbSet<HandOff> HandOffs => Set<HandOff>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Target.Configure(modelBuilder);
        ContactAttempt.Configure(modelBuilder);
        HandOff.Configure(modelBuilder);
        WithdrawnSource.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
