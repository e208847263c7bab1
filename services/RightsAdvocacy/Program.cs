using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.RightsAdvocacy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<RightsAdvocacyDbContext>("rightsdb");
builder.AddMessaging<RightsAdvocacyDbContext>("rights");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/rights/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<RightsAdvocacyDbContext>();

var api = app.MapGroup("/api/rights");
api.MapErrorQueues();

app.Run();
