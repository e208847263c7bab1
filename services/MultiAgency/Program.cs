using Jusou.ServiceKit.Staff;
using Jusou.ServiceKit.Organisations;
using Jusou.MultiAgency.Organisations;
using Jusou.ServiceKit.Operations;
using Jusou.MultiAgency;
using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Codes;
using Jusou.MultiAgency.Consents;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Plans;
using Jusou.MultiAgency.Privacy;
using Jusou.MultiAgency.Reports;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;

// MultiAgency: 多機関協働事業 — support cases, assessments, support plans, meetings and their decisions, the 制度切れ
// watch and the case-conference report.
var service = ServiceIdentity.MultiAgency;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<MultiAgencyDbContext>(service,
    consumers:
    [
        typeof(ConsultationReferredConsumer),
        typeof(ConsultationFollowedUpConsumer),
        typeof(ConsentRecordedConsumer),
        typeof(ConsentWithdrawnConsumer),
        typeof(AgeThresholdApproachingConsumer),
        typeof(PersonResidencyChangedConsumer),
        typeof(ConsultationLinkedConsumer),
        typeof(PersonsMergedConsumer),
        typeof(ConsultationReferredToAgencyConsumer),
        typeof(AgencyReferralStatusChangedConsumer),
        typeof(KnownOrganisationsConsumer),
        .. CaseActivity.Consumers,
    ],
    codes: MultiAgencyCodes.All,
    openApi: options => options.AddExamples(CaseApiExamples.All).AddExamples(MeetingExamples.All).AddExamples(WatchApiExamples.All));
builder.AddGauge<MultiAgencyDbContext>("jusou.cases.open", "{case}", "Support cases not closed (all tenants)",
    (db, cancellationToken) => db.SupportCases.IgnoreQueryFilters().LongCountAsync(c => c.Status != SupportCaseCodes.Closed, cancellationToken));
builder.AddGauge<MultiAgencyDbContext>("jusou.watch.alerts.open", "{alert}", "制度切れ alerts raised and not yet dismissed (all tenants)",
    (db, cancellationToken) => db.WatchAlerts.IgnoreQueryFilters().LongCountAsync(a => a.Status == "open", cancellationToken));
builder.Services.AddHostedService<WatchScanService>();

var app = builder.Build();
var api = (await app.MapJusouServiceAsync<MultiAgencyDbContext>(service)).RemembersStaffNames<MultiAgencyDbContext>();
api.MapSupportCases();
api.MapCaseProgressRecords();
api.MapAssessments();
api.MapSupportPlans();
api.MapActionTasks();
api.MapMeetings();
api.MapReports();
api.MapAnnualIndicators<MultiAgencyDbContext>(service.Name, MultiAgencyIndicators.Count);
api.MapCaseSupports();
api.MapWatchRules();
api.MapWatchAlerts();
api.MapWatchScan();
api.MapSubjectAccess<MultiAgencyDbContext>(service.Name, SubjectRecords.Gather);
api.MapKnownOrganisations<MultiAgencyDbContext>(service.DisplayName);

app.Run();
