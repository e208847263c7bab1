using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.Outreach;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<OutreachDbContext>("outreachdb");
builder.AddMessaging<OutreachDbContext>("outreach");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/outreach/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<OutreachDbContext>();

var api = app.MapGroup("/api/outreach");
api.MapErrorQueues();

app.Run();
