using Jusou.Gateway;
using Jusou.Gateway.Events;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = GatewayLimits.MaxRequestBodyBytes);

builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddServiceDiscoveryDestinationResolver();
builder.AddGatewayRateLimits();
// Which services sit behind the gateway, with their routes and clusters, is configuration the AppHost gives.
var services = GatewayServices.From(builder.Configuration);
builder.Services.AddSingleton(services);
builder.AddServicesHealth(services);
builder.AddSubjectAccessExport(services);
builder.AddAnnualReport(services);
builder.AddBrowserSecurity();
// The gateway's own operations (開示請求 export) join the merged document (MergedOpenApi).
builder.Services.AddOpenApi();
builder.AddTrustedProxies();

var app = builder.Build();
// First: everything after it (rate limit, logs, the scheme of links) sees the client behind the load balancer.
app.UseForwardedHeaders();
// Before authentication: a browser's CORS preflight carries no token, and every answer (401s too) gets the headers.
app.UseBrowserSecurity();
app.UseServiceDefaults();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapMergedOpenApi();
app.MapEventCatalogue();
// No proxied route matches /api/privacy/: the gateway answers the 開示請求 export itself, asking each service.
app.MapSubjectAccessExport();
// Nor /api/reports/: the gateway gathers the annual 実績報告 from every service itself.
app.MapAnnualReport();
// Every proxied route falls under the default policy: an authenticated user with a tenant (see ServiceDefaults).
app.MapReverseProxy();

app.Run();
