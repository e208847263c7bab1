using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.MultiAgency;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Codes;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Reports;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MultiAgencyDbContext>("multiagencydb");
builder.AddGauge<MultiAgencyDbContext>("jusou.cases.open", "{case}", "Support cases not closed (all tenants)",
    (db, cancellationToken) => db.SupportCases.IgnoreQueryFilters().LongCountAsync(c => c.Status != "closed", cancellationToken));
builder.Services.AddOpenApi();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<OpenApiOptions>("v1", options => options.AddExamples(MeetingExamples.All));
builder.AddMessaging<MultiAgencyDbContext>("multiagency", typeof(ConsultationReferredConsumer),
    typeof(AgeThresholdApproachingConsumer));
builder.Services.Configure<OpenApiOptions>("v1", options => options.AddExamples(WatchApiExamples.All));
builder.Services.AddHostedService<WatchScanService>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/multiagency/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<MultiAgencyDbContext>();

var api = app.MapGroup("/api/multiagency");
api.MapSupportCases();
api.MapMeetings();
api.MapReports();
api.MapCaseSupports();
api.MapWatchRules();
api.MapWatchAlerts();
api.MapWatchScan();
api.MapCodes();
api.MapErrorQueues();

app.Run();
