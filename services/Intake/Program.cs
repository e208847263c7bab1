using Jusou.Messaging.Organisations;
using Jusou.Intake.Organisations;
using Jusou.Messaging.Staff;
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
using Jusou.Messaging;
using Jusou.Messaging.Audit;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
using Jusou.ServiceDefaults.Http;

// Intake: 包括的相談支援事業 — persons, households, consultations (相談受付), consent, referrals.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<IntakeDbContext>("intakedb");
builder.AddMessaging<IntakeDbContext>("intake", typeof(OutreachHandedOffConsumer),
    typeof(AgeWatchRulesChangedConsumer), typeof(SupportCaseOpenedConsumer), typeof(SupportCaseClosedConsumer), typeof(SupportCaseReopenedConsumer), typeof(KnownOrganisationsConsumer), typeof(KnownAreasConsumer));
builder.Services.AddOpenApi(options => options.AddExamples(ApiExamples.All).AddCodeLabels(IntakeCodes.All));
builder.Services.AddHostedService<AgeWatchScan>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/intake/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<IntakeDbContext>();

var api = app.MapGroup("/api/intake").RemembersStaffNames<IntakeDbContext>();
api.MapPersons();
api.MapResidencyImports();
api.MapGaiji();
api.MapHouseholds();
api.MapConsents();
api.MapConsultations();
api.MapReferrals();
api.MapCodes();
api.MapKnownOrganisations<IntakeDbContext>("Intake");
api.MapAuditTrail<IntakeDbContext>("Intake");
api.MapSubjectAccess<IntakeDbContext>("intake", SubjectRecords.Gather);
api.MapAnnualIndicators<IntakeDbContext>("intake", IntakeIndicators.Count);
api.MapErrorQueues();
api.MapMessageRetention<IntakeDbContext>();
api.MapPersonalDataRegister<IntakeDbContext>("intake");
api.MapRetention<IntakeDbContext>();

app.Run();
