using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.Messaging.Privacy;
using Jusou.Participation;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ParticipationDbContext>("participationdb");
builder.AddMessaging<ParticipationDbContext>("participation");
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/participation/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<ParticipationDbContext>();

var api = app.MapGroup("/api/participation");
api.MapErrorQueues();
api.MapPersonalDataRegister<ParticipationDbContext>("participation");
api.MapRetention<ParticipationDbContext>();

app.Run();
