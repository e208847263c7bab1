using Jusou.Messaging;
using Jusou.Messaging.Outbox;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Participation;

public sealed class ParticipationDbContext(DbContextOptions<ParticipationDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
