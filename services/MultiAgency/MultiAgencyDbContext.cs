using Jusou.ServiceKit.Messaging.Outbox;
using Jusou.ServiceKit.Persons;
using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Consents;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;
using Jusou.MultiAgency.Plans;

namespace Jusou.MultiAgency;

public sealed class MultiAgencyDbContext(DbContextOptions<MultiAgencyDbContext> options, TenantContext tenant, OutboxSignal outboxSignal)
    : ServiceDbContext(options, tenant, outboxSignal)
{
    public DbSet<SupportCase> SupportCases => Set<SupportCase>();
    public DbSet<CaseTimelineEntry> CaseTimeline => Set<CaseTimelineEntry>();
    public DbSet<CaseProgressRecord> CaseProgressRecords => Set<CaseProgressRecord>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingItem> MeetingItems => Set<MeetingItem>();
    public DbSet<WatchRules> WatchRules => Set<WatchRules>();
    public DbSet<WatchAlert> WatchAlerts => Set<WatchAlert>();
    public DbSet<PersonAgeMilestone> PersonAgeMilestones => Set<PersonAgeMilestone>();
    public DbSet<CaseSupport> CaseSupports => Set<CaseSupport>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<SupportPlan> SupportPlans => Set<SupportPlan>();
    public DbSet<RecordedConsent> RecordedConsents => Set<RecordedConsent>();
    public DbSet<ActionTask> ActionTasks => Set<ActionTask>();
    public DbSet<AgencyReferral> AgencyReferrals => Set<AgencyReferral>();

    /// <summary>A case, a consent and a referral are their person's: they follow Intake's links and merges.</summary>
    public override IReadOnlyList<PersonRecord> PersonRecords { get; } =
    [
        PersonRecord.Of<SupportCase>(c => c.PersonId, c => c.ConsultationId),
        PersonRecord.Of<RecordedConsent>(c => c.PersonId),
        PersonRecord.Of<AgencyReferral>(r => r.PersonId, r => r.ConsultationId),
    ];

    public override bool KnowsOrganisations => true;
    public override bool KnowsStaff => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        SupportCase.Configure(modelBuilder);
        CaseTimelineEntry.Configure(modelBuilder);
        CaseProgressRecord.Configure(modelBuilder);
        Meeting.Configure(modelBuilder);
        Watch.WatchRules.Configure(modelBuilder);
        WatchAlert.Configure(modelBuilder);
        PersonAgeMilestone.Configure(modelBuilder);
        CaseSupport.Configure(modelBuilder);
        Assessment.Configure(modelBuilder);
        SupportPlan.Configure(modelBuilder);
        RecordedConsent.Configure(modelBuilder);
        ActionTask.Configure(modelBuilder);
        AgencyReferral.Configure(modelBuilder);
        ConfineToTenant(modelBuilder);
    }
}
