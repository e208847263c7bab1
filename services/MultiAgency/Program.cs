using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.MultiAgency;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Codes;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MultiAgencyDbContext>("multiagencydb");
builder.AddMessaging<MultiAgencyDbContext>("multiagency", typeof(ConsultationReferredConsumer),
    typeof(AgeThresholdApproachingConsumer));
builder.Services.AddOpenApi();
builder.Services.Configure<OpenApiOptions>("v1", options => options.AddExamples(WatchApiExamples.All));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<WatchScanService>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/multiagency/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<MultiAgencyDbContext>();

var api = app.MapGroup("/api/multiagency");
api.MapSupportCases();
api.MapCaseSupports();
api.MapWatchRules();
api.MapWatchAlerts();
api.MapWatchScan();
api.MapCodes();
api.MapErrorQueues();

app.Run();
