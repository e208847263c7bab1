using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceKit.Persons;
using Jusou.RightsAdvocacy.CitizenGuardians;
using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy;

public sealed class RightsAdvocacyDbContext(DbContextOptions<RightsAdvocacyDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<GuardianshipMatter> Matters => Set<GuardianshipMatter>();
    public DbSet<CitizenGuardian> CitizenGuardians => Set<CitizenGuardian>();
    public DbSet<DailyLifeSupportContract> DailyLifeSupportContracts => Set<DailyLifeSupportContract>();

    /// <summary>Matters (a referred consultation's: SourceId) and contracts follow Intake's links and merges.</summary>
    public override IReadOnlyList<PersonRecord> PersonRecords { get; } =
    [
        PersonRecord.Of<GuardianshipMatter>(m => m.PersonId, m => m.SourceId, m => m.SupportCaseId),
        PersonRecord.Of<DailyLifeSupportContract>(c => c.PersonId),
    ];

    /// <summary>Records persons' names: the municipality's 外字 are learnt from Intake (GaijiRegistered).</summary>
    public override bool KnowsGaiji => true;

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
