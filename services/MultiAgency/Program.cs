using Jusou.Messaging;
using Jusou.Messaging.Operations;
using Jusou.MultiAgency;
using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Codes;
using Jusou.MultiAgency.Plans;
using Jusou.ServiceDefaults.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<MultiAgencyDbContext>("multiagencydb");
builder.AddMessaging<MultiAgencyDbContext>("multiagency",
[
    typeof(ConsultationReferredConsumer),
    typeof(ConsultationFollowedUpConsumer),
    .. CaseActivity.Consumers,
]);
builder.Services.AddOpenApi(options => options.AddExamples(CaseApiExamples.All));
builder.Services.TryAddSingleton(TimeProvider.System);

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapOpenApi("/api/multiagency/openapi/{documentName}.json").AllowAnonymous();
await app.MigrateDatabaseAsync<MultiAgencyDbContext>();

var api = app.MapGroup("/api/multiagency");
api.MapSupportCases();
api.MapAssessments();
api.MapSupportPlans();
api.MapCodes();
api.MapErrorQueues();

app.Run();
