using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Concerns;
using Jusou.CommunityResources.People;
using Jusou.CommunityResources.ResourceDirectory;
using Jusou.CommunityResources.Reports;
using Jusou.ServiceKit.Messaging.Outbox;

namespace Jusou.CommunityResources;

public sealed class CommunityResourcesDbContext(DbContextOptions<CommunityResourcesDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<CommunityService> Services => Set<CommunityService>();
    public DbSet<CommunityPerson> People => Set<CommunityPerson>();
    public DbSet<VolunteerActivity> VolunteerActivities => Set<VolunteerActivity>();
    public DbSet<CooperationEntry> Cooperation => Set<CooperationEntry>();
    public DbSet<ConcernReport> ConcernReports => Set<ConcernReport>();
    public DbSet<ParticipantCount> ParticipantCounts => Set<ParticipantCount>();
    public DbSet<PlanTargetYear> PlanTargets => Set<PlanTargetYear>();

    /// <summary>Records persons' names: the municipality's 外字 are learnt from Intake (GaijiRegistered).</summary>
    public override bool KnowsGaiji => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Area.Configure(modelBuilder);
        Organisation.Configure(modelBuilder);
        Location.Configure(modelBuilder);
        CommunityService.Configure(modelBuilder);
        CommunityPerson.Configure(modelBuilder);
        ConcernReport.Configure(modelBuilder);
        ParticipantCount.Configure(modelBuilder);
        PlanTargetYear.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
