using Jusou.Messaging;
using Jusou.Messaging.Audit;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
using Jusou.Outreach;
using Jusou.Outreach.Caseload;
using Jusou.Outreach.Codes;
using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Persons;
using Jusou.Outreach.Privacy;
using Jusou.Outreach.Reports;
using Jusou.Outreach.Targets;
using Jusou.ServiceDefaults.Http;

// Outreach: アウトリーチ等を通じた継続的支援事業 — targets, contact attempts, hand-offs, long-term watching.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<OutreachDbContext>("outreachdb");
builder.AddMessaging<OutreachDbContext>("outreach",
    typeof(ConcernReportedConsumer), typeof(SupportPlanActionApprovedConsumer), typeof(ConsultationReferredToOutreachConsumer),
    typeof(SupportCaseClosedConsumer), typeof(ConsultationLinkedConsumer), typeof(SupportCaseLinkedConsumer), typeof(PersonsMergedConsumer),
    typeof(PersonResidencyChangedConsumer), typeof(Jusou.Outreach.Gaiji.GaijiConsumer), typeof(MeetingDecisionRecordedConsumer), typeof(MeetingDecisionWithdrawnConsumer));
builder.Services.AddOpenApi(options => options.AddExamples(ApiExamples.All).AddCodeLabels(OutreachCodes.All));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/outreach/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<OutreachDbContext>();

var api = app.MapGroup("/api/outreach");
api.MapTargets();
api.MapContacts();
api.MapHandOffs();
api.MapCaseload();
api.MapReports();
api.MapAnnualIndicators<OutreachDbContext>("outreach", ReportEndpoints.Indicators);
api.MapCodes();
api.MapAuditTrail<OutreachDbContext>("Outreach");
var clock = app.Services.GetRequiredService<TimeProvider>();
api.MapSubjectAccess<OutreachDbContext>("outreach", (db, query, cancellationToken) => SubjectRecords.Gather(db, clock, query, cancellationToken));
api.MapErrorQueues();
api.MapMessageRetention<OutreachDbContext>();
api.MapPersonalDataRegister<OutreachDbContext>("outreach");
api.MapRetention<OutreachDbContext>();

app.Run();
