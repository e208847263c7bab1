using Jusou.Messaging;
using Jusou.Messaging.Audit;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
using Jusou.RightsAdvocacy;
using Jusou.RightsAdvocacy.CitizenGuardians;
using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;
using Jusou.RightsAdvocacy.Persons;
using Jusou.RightsAdvocacy.Privacy;
using Jusou.RightsAdvocacy.Reports;
using Jusou.ServiceDefaults.Http;

// RightsAdvocacy: 権利擁護 — guardianship matters (成年後見制度, 中核機関), the 市民後見人 registry, 日常生活自立支援事業.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<RightsAdvocacyDbContext>("rightsdb");
builder.AddMessaging<RightsAdvocacyDbContext>("rights", typeof(PlanActionApprovedConsumer), typeof(ConsultationReferredConsumer),
    typeof(PersonsMergedConsumer), typeof(ConsultationLinkedConsumer), typeof(SupportCaseLinkedConsumer), typeof(MeetingDecisionRecordedConsumer), typeof(MeetingDecisionWithdrawnConsumer),
    typeof(SupportCaseClosedConsumer), typeof(Jusou.RightsAdvocacy.Gaiji.GaijiConsumer));
builder.Services.AddOpenApi(options => options.AddExamples(ApiExamples.All).AddCodeLabels(RightsCodes.All));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/rights/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<RightsAdvocacyDbContext>();

var api = app.MapGroup("/api/rights");
api.MapMatters();
api.MapCitizenGuardians();
api.MapDailyLifeSupport();
api.MapReports();
api.MapAnnualIndicators<RightsAdvocacyDbContext>("rights", RightsReportEndpoints.Indicators);
api.MapCodes();
api.MapAuditTrail<RightsAdvocacyDbContext>("Rights");
api.MapSubjectAccess<RightsAdvocacyDbContext>("rights", SubjectRecords.Gather);
api.MapErrorQueues();
api.MapMessageRetention<RightsAdvocacyDbContext>();
api.MapPersonalDataRegister<RightsAdvocacyDbContext>("rights");
api.MapRetention<RightsAdvocacyDbContext>();

app.Run();
