using Jusou.ServiceKit.Organisations;
using Jusou.Intake.Organisations;
using Jusou.ServiceKit.Staff;
using Jusou.Intake;
using Jusou.Intake.AgeWatch;
using Jusou.Intake.Areas;
using Jusou.Intake.Codes;
using Jusou.Intake.Consents;
using Jusou.Intake.Consultations;
using Jusou.Intake.Gaiji;
using Jusou.Intake.Households;
using Jusou.Intake.Persons;
using Jusou.Intake.Privacy;
using Jusou.Intake.Referrals;
using Jusou.Intake.Residency;
using Jusou.Intake.Reports;

// Intake: 包括的相談支援事業 — persons, households, consultations (相談受付), consent, referrals.
var service = ServiceIdentity.Intake;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<IntakeDbContext>(service,
    consumers:
    [
        typeof(OutreachHandedOffConsumer),
        typeof(AgeWatchRulesChangedConsumer),
        typeof(SupportCaseOpenedConsumer),
        typeof(SupportCaseClosedConsumer),
        typeof(SupportCaseReopenedConsumer),
        typeof(KnownOrganisationsConsumer),
        typeof(KnownAreasConsumer),
    ],
    codes: IntakeCodes.All,
    openApi: options => options.AddExamples(ApiExamples.All));
builder.Services.AddHostedService<AgeWatchScan>();

var app = builder.Build();
var api = (await app.MapJusouServiceAsync<IntakeDbContext>(service)).RemembersStaffNames<IntakeDbContext>();
api.MapPersons();
api.MapResidencyImports();
api.MapGaiji();
api.MapHouseholds();
api.MapConsents();
api.MapConsultations();
api.MapReferrals();
api.MapKnownOrganisations<IntakeDbContext>(service.DisplayName);
api.MapSubjectAccess<IntakeDbContext>(service.Name, SubjectRecords.Gather);
api.MapAnnualIndicators<IntakeDbContext>(service.Name, IntakeIndicators.Count);

app.Run();
