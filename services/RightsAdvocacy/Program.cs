using Jusou.RightsAdvocacy;
using Jusou.RightsAdvocacy.CitizenGuardians;
using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;
using Jusou.RightsAdvocacy.Persons;
using Jusou.RightsAdvocacy.Privacy;
using Jusou.RightsAdvocacy.Reports;

// RightsAdvocacy: 権利擁護 — guardianship matters (成年後見制度, 中核機関), the 市民後見人 registry, 日常生活自立支援事業.
var service = ServiceIdentity.RightsAdvocacy;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<RightsAdvocacyDbContext>(service,
    consumers:
    [
        typeof(PlanActionApprovedConsumer),
        typeof(ConsultationReferredConsumer),
        typeof(PersonsMergedConsumer),
        typeof(ConsultationLinkedConsumer),
        typeof(SupportCaseLinkedConsumer),
        typeof(MeetingDecisionRecordedConsumer),
        typeof(MeetingDecisionWithdrawnConsumer),
        typeof(SupportCaseClosedConsumer),
        typeof(Jusou.RightsAdvocacy.Gaiji.GaijiConsumer),
    ],
    codes: RightsCodes.All,
    openApi: options => options.AddExamples(ApiExamples.All));

var app = builder.Build();
var api = await app.MapJusouServiceAsync<RightsAdvocacyDbContext>(service);
api.MapMatters();
api.MapCitizenGuardians();
api.MapDailyLifeSupport();
api.MapReports();
api.MapAnnualIndicators<RightsAdvocacyDbContext>(service.Name, RightsReportEndpoints.Indicators);
api.MapSubjectAccess<RightsAdvocacyDbContext>(service.Name, SubjectRecords.Gather);

app.Run();
