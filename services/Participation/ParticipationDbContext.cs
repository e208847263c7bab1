using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceKit.Persons;
using Jusou.Participation.Opportunities;
using Jusou.Participation.Placements;
using Jusou.Participation.Requests;

namespace Jusou.Participation;

public sealed class ParticipationDbContext(DbContextOptions<ParticipationDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Opportunity> Opportunities => Set<Opportunity>();
    public DbSet<ParticipationRequest> Requests => Set<ParticipationRequest>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<CounsellingSession> Sessions => Set<CounsellingSession>();

    /// <summary>A request is its person's, or its referred consultation's (SourceId): it follows Intake's links and merges.</summary>
    public override IReadOnlyList<PersonRecord> PersonRecords { get; } = [PersonRecord.Of<ParticipationRequest>(r => r.PersonId, r => r.SourceId, r => r.SupportCaseId)];

    public override bool KnowsOrganisations => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Opportunity.Configure(modelBuilder);
        ParticipationRequest.Configure(modelBuilder);
        Placement.Configure(modelBuilder);
        CheckIn.Configure(modelBuilder);
        CounsellingSession.Configure(modelBuilder);
        WithdrawnSource.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
