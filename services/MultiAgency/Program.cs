using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.MultiAgency;
using Jusou.MultiAgency.Cases;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MultiAgencyDbContext>("multiagencydb");
builder.AddMessaging<MultiAgencyDbContext>("multiagency", typeof(ConsultationReferredConsumer));
builder.AddGauge<MultiAgencyDbContext>("jusou.cases.open", "{case}", "Support cases not closed (all tenants)",
    (db, cancellationToken) => db.SupportCases.IgnoreQueryFilters().LongCountAsync(c => c.Status != "closed", cancellationToken));
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/multiagency/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<MultiAgencyDbContext>();

var api = app.MapGroup("/api/multiagency");
api.MapSupportCases();
api.MapErrorQueues();

app.Run();
