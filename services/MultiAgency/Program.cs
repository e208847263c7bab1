using Jusou.Messaging.Staff;
using Jusou.Messaging.Organisations;
using Jusou.MultiAgency.Organisations;
using Jusou.Messaging;
using Jusou.Messaging.Audit;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
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
using Jusou.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

// MultiAgency: 多機関協働事業 — support cases, assessments, support plans, meetings and their decisions, the 制度切れ
// watch and the case-conference report.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MultiAgencyDbContext>("multiagencydb");
builder.AddMessaging<MultiAgencyDbContext>("multiagency",
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
]);
builder.AddGauge<MultiAgencyDbContext>("jusou.cases.open", "{case}", "Support cases not closed (all tenants)",
    (db, cancellationToken) => db.SupportCases.IgnoreQueryFilters().LongCountAsync(c => c.Status != "closed", cancellationToken));
builder.AddGauge<MultiAgencyDbContext>("jusou.watch.alerts.open", "{alert}", "制度切れ alerts raised and not yet dismissed (all tenants)",
    (db, cancellationToken) => db.WatchAlerts.IgnoreQueryFilters().LongCountAsync(a => a.Status == "open", cancellationToken));
builder.Services.AddOpenApi(options => options
    .AddExamples(CaseApiExamples.All)
    .AddExamples(MeetingExamples.All)
    .AddExamples(WatchApiExamples.All)
    .AddCodeLabels(CodeEndpoints.All));
builder.Services.AddHostedService<WatchScanService>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/multiagency/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<MultiAgencyDbContext>();

var api = app.MapGroup("/api/multiagency").RemembersStaffNames<MultiAgencyDbContext>();
api.MapSupportCases();
api.MapCaseProgressRecords();
api.MapAssessments();
api.MapSupportPlans();
api.MapActionTasks();
api.MapMeetings();
api.MapReports();
api.MapAnnualIndicators<MultiAgencyDbContext>("multiagency", MultiAgencyIndicators.Count);
api.MapCaseSupports();
api.MapWatchRules();
api.MapWatchAlerts();
api.MapWatchScan();
api.MapCodes();
api.MapSubjectAccess<MultiAgencyDbContext>("multiagency", SubjectRecords.Gather);
api.MapKnownOrganisations<MultiAgencyDbContext>("MultiAgency");
api.MapAuditTrail<MultiAgencyDbContext>("MultiAgency");
api.MapErrorQueues();
api.MapMessageRetention<MultiAgencyDbContext>();
api.MapPersonalDataRegister<MultiAgencyDbContext>("multiagency");
api.MapRetention<MultiAgencyDbContext>();

app.Run();
