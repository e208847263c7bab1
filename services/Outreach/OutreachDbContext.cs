using Jusou.Messaging;
using Jusou.Messaging.Outbox;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Outreach;

public sealed class OutreachDbContext(DbContextOptions<OutreachDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
