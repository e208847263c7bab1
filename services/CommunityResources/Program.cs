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

// CommunityResources: 地域づくりに向けた支援事業 — areas, the directory (HSDS), people resources, concern reports.
var service = ServiceIdentity.CommunityResources;
var builder = WebApplication.CreateBuilder(args);
builder.AddJusouService<CommunityResourcesDbContext>(service,
    consumers:
    [
        typeof(OutreachTargetOpenedConsumer),
        typeof(Jusou.CommunityResources.Gaiji.GaijiConsumer),
    ],
    codes: CommunityCodes.All,
    openApi: options => options.AddExamples(ApiExamples.All));

var app = builder.Build();
var api = await app.MapJusouServiceAsync<CommunityResourcesDbContext>(service);
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
api.MapAnnualIndicators<CommunityResourcesDbContext>(service.Name, ReportEndpoints.Indicators);
api.MapSubjectAccess<CommunityResourcesDbContext>(service.Name, SubjectRecords.Gather);

app.Run();
