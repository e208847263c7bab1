using Jusou.CommunityResources;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;
using Jusou.CommunityResources.Concerns;
using Jusou.CommunityResources.People;
using Jusou.CommunityResources.Privacy;
using Jusou.CommunityResources.Reports;
using Jusou.CommunityResources.ResourceDirectory;
using Jusou.CommunityResources.ResourceDirectory.Hsds;
using Jusou.CommunityResources.ResourceDirectory.Seed;
using Jusou.Messaging;
using Jusou.Messaging.Audit;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
using Jusou.ServiceDefaults.Http;

// CommunityResources: 地域づくりに向けた支援事業 — areas, the directory (HSDS), people resources, concern reports.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<CommunityResourcesDbContext>("communitydb");
builder.AddMessaging<CommunityResourcesDbContext>("community", typeof(OutreachTargetOpenedConsumer), typeof(Jusou.CommunityResources.Gaiji.GaijiConsumer));
builder.Services.AddOpenApi(options => options.AddExamples(ApiExamples.All).AddCodeLabels(CommunityCodes.All));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/community/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<CommunityResourcesDbContext>();

var api = app.MapGroup("/api/community");
api.MapAreas();
api.MapOrganisations();
api.MapLocations();
api.MapServices();
api.MapHsds();
api.MapInaSampleImport();
api.MapPeople();
api.MapConcernReports();
api.MapReports();
api.MapPlanTargets();
api.MapAnnualIndicators<CommunityResourcesDbContext>("community", ReportEndpoints.Indicators);
api.MapCodes();
api.MapSubjectAccess<CommunityResourcesDbContext>("community", SubjectRecords.Gather);
api.MapAuditTrail<CommunityResourcesDbContext>("Community");
api.MapErrorQueues();
api.MapMessageRetention<CommunityResourcesDbContext>();
api.MapPersonalDataRegister<CommunityResourcesDbContext>("community");
api.MapRetention<CommunityResourcesDbContext>();

app.Run();
