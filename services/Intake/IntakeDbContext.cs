using Jusou.Intake.Residency;
using Jusou.Intake.AgeWatch;
using Jusou.Intake.Consents;
using Jusou.Intake.Consultations;
using Jusou.Intake.Households;
using Jusou.Intake.Persons;
using Jusou.Intake.Referrals;
using Jusou.ServiceKit.Messaging.Outbox;

namespace Jusou.Intake;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<DuplicateFlag> DuplicateFlags => Set<DuplicateFlag>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<AgeWatchRules> AgeRules => Set<AgeWatchRules>();
    public DbSet<AgeThresholdNotice> AgeThresholdNotices => Set<AgeThresholdNotice>();
    public DbSet<ResidencyChange> ResidencyChanges => Set<ResidencyChange>();

    public override bool KnowsOrganisations => true;
    public override bool KnowsGaiji => true;
    public override bool KnowsAreas => true;
    public override bool KnowsStaff => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        Person.Configure(modelBuilder);
        DuplicateFlag.Configure(modelBuilder);
        Household.Configure(modelBuilder);
        Consent.Configure(modelBuilder);
        Consultation.Configure(modelBuilder);
        Referral.Configure(modelBuilder);
        AgeWatchRules.Configure(modelBuilder);
        AgeThresholdNotice.Configure(modelBuilder);
        ResidencyChange.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
