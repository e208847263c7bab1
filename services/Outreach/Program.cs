using Jusou.Outreach;
using Jusou.Outreach.Caseload;
using Jusou.Outreach.Codes;
using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Persons;
using Jusou.Outreach.Privacy;
using Jusou.Outreach.Reports;
using Jusou.Outreach.Targets;

// Outreach: アウトリーチ等を通じた継続的支援事業 — targets, contact attempts, hand-offs, long-term watching.
var service = ServiceIdentity.Outreach;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<OutreachDbContext>(service,
    consumers:
    [
        typeof(ConcernReportedConsumer),
        typeof(SupportPlanActionApprovedConsumer),
        typeof(ConsultationReferredToOutreachConsumer),
        typeof(SupportCaseClosedConsumer),
        typeof(ConsultationLinkedConsumer),
        typeof(SupportCaseLinkedConsumer),
        typeof(PersonsMergedConsumer),
        typeof(PersonResidencyChangedConsumer),
        typeof(Jusou.Outreach.Gaiji.GaijiConsumer),
        typeof(MeetingDecisionRecordedConsumer),
        typeof(MeetingDecisionWithdrawnConsumer),
    ],
    codes: OutreachCodes.All,
    openApi: options => options.AddExamples(ApiExamples.All));

var app = builder.Build();
var api = await app.MapJusouServiceAsync<OutreachDbContext>(service);
api.MapTargets();
api.MapContacts();
api.MapHandOffs();
api.MapCaseload();
api.MapReports();
api.MapAnnualIndicators<OutreachDbContext>(service.Name, ReportEndpoints.Indicators);
var clock = app.Services.GetRequiredService<TimeProvider>();
api.MapSubjectAccess<OutreachDbContext>(service.Name, (db, query, cancellationToken) => SubjectRecords.Gather(db, clock, query, cancellationToken));

app.Run();
