using Jusou.Web;
using Jusou.Web.Components;
using Jusou.Web.Gateway;
using Jusou.Web.Reports;
using Jusou.Web.SignIn;
using Microsoft.Extensions.Diagnostics.HealthChecks;

// 重層 console: the staff's web application. Every screen is a Razor component rendered on the server (static SSR:
// plain HTML and forms; wwwroot/busy.js only shows progress), folded by screen area (Today/, Intake/, Cases/, Meetings/, Teams/, Reports/). It
// holds no data of its own: each screen calls the gateway's public API with the signed-in user's token (Gateway/).
var builder = WebApplication.CreateBuilder(args);

// What every Jusou process shares — telemetry, health, service discovery, resilient HttpClients — but not the services'
// JWT bearer authentication: the console signs people in itself (SignIn/) and passes their token on.
builder.ConfigureOpenTelemetry();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [ServiceDefaultsExtensions.LiveTag]);
builder.Services.AddServiceDiscovery();
builder.Services.ConfigureHttpClientDefaults(http => http.AddServiceDiscovery());

builder.AddConsoleSignIn();
builder.AddGatewayApi();
builder.Services.AddRazorComponents();
// Japanese is written into the pages as it is, not as &#x…; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

var app = builder.Build();
app.UseConsoleSecurityHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets().AllowAnonymous();
app.MapSignInEndpoints();
app.MapReportDownloads();
app.MapRazorComponents<App>();

app.Run();
