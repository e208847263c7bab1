using Jusou.Intake;
using Jusou.Intake.Consultations;
using Jusou.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<IntakeDbContext>("intakedb");
builder.AddMessaging<IntakeDbContext>("intake");
builder.Services.AddOpenApi();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/intake/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<IntakeDbContext>();

var api = app.MapGroup("/api/intake");
api.MapConsultations();

app.Run();
