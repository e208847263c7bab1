using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.CommunityResources;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<CommunityResourcesDbContext>("communitydb");
builder.AddMessaging<CommunityResourcesDbContext>("community");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/community/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<CommunityResourcesDbContext>();

var api = app.MapGroup("/api/community");
api.MapErrorQueues();

app.Run();
