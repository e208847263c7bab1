using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceKit.Persons;
using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Targets;

namespace Jusou.Outreach;

public sealed class OutreachDbContext(DbContextOptions<OutreachDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<ContactAttempt> ContactAttempts => Set<ContactAttempt>();
    public DbSet<HandOff> HandOffs => Set<HandOff>();

    /// <summary>
    /// A target is its person's: through the consultation it was referred from (SourceId), or the one it was handed on
    /// to (a consultation linked at Intake names the target it came from). It follows Intake's links and merges.
    /// </summary>
    public override IReadOnlyList<PersonRecord> PersonRecords { get; } = [PersonRecord.Of<Target>(t => t.PersonId, t => t.SourceId, t => t.Id, t => t.SupportCaseId)];

    /// <summary>Records persons' names: the municipality's 外字 are learnt from Intake (GaijiRegistered).</summary>
    public override bool KnowsGaiji => true;

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
