using Jusou.Messaging;
using Jusou.Messaging.Outbox;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Meetings;
using Jusou.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;

namespace Jusou.MultiAgency;

public sealed class MultiAgencyDbContext(DbContextOptions<MultiAgencyDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<SupportCase> SupportCases => Set<SupportCase>();
    public DbSet<CaseTimelineEntry> CaseTimeline => Set<CaseTimelineEntry>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingItem> MeetingItems => Set<MeetingItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        SupportCase.Configure(modelBuilder);
        CaseTimelineEntry.Configure(modelBuilder);
        Meeting.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
