using System.Text.Json;
using System.Text.Json.Serialization;
using Jusou.ServiceDefaults;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Jusou process adds with one call, in the shape of dotnet/eShop's ServiceDefaults:
/// telemetry, health, service discovery, resilient HttpClients, ProblemDetails, JWT auth with tenant/role claims,
/// correlation ids and strict JSON.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged "live" answer /alive; every check answers /health.</summary>
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System); // every clock read goes through it (docs/architecture.md#conventions)
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.AddJusouAuthentication();
        builder.Services.AddJusouProblemDetails();
        builder.Services.TryAddSingleton<PdfPrinter>(); // printed pages as PDF (ServiceDefaults/Http/PrintablePage.cs)
        builder.Services.ConfigureHttpJsonOptions(options => UseStrictJson(options.SerializerOptions));
        builder.Services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(options => options.AddJusouSecurity().AddJusouContract());
        return builder;
    }

    /// <summary>
    /// Unknown fields are an error (a typo must not silently drop data); enums travel as strings.
    /// </summary>
    public static void UseStrictJson(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.MaxDepth = 32;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("MassTransit")
                .AddMeter(JusouTelemetry.MeterName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit")
                .AddSource(JusouTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Health probes run every few seconds; tracing them only hides the requests that matter.
                    aspnet.Filter = context => !IsHealthProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .SetSampler(TraceSampler(builder.Configuration)));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            // Telemetry export has its own retry and timeout; behind the standard resilience pipeline as well, its
            // final flush held every shutdown for about six seconds — past the AppHost's grace for a stop.
#pragma warning disable EXTEXP0001
            foreach (var exporter in new[] { "OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter" })
            {
                builder.Services.AddHttpClient(exporter).RemoveAllResilienceHandlers();
            }
#pragma warning restore EXTEXP0001
        }

        return builder;
    }

    /// <summary>
    /// Which traces are recorded: a share of the traces that start here (Telemetry:TraceSampleRatio, default 0.1), and
    /// whatever a caller already decided for a trace that comes in (parent-based), so a trace is kept or dropped whole
    /// across the gateway, the services and the bus. Recording every trace (always_on) cost every request and every
    /// message a span per SQL command, exported or not; under load that was measurable (docs/performance-notes.md).
    /// Unsampled requests still carry a trace id, so correlation ids and problem details are unchanged.
    /// Set Telemetry__TraceSampleRatio=1 to see every trace in the dashboard while debugging.
    /// </summary>
    private static Sampler TraceSampler(IConfiguration configuration)
    {
        var ratio = configuration.GetValue("Telemetry:TraceSampleRatio", 0.1);
        if (ratio is < 0 or > 1) throw new InvalidOperationException($"Telemetry:TraceSampleRatio must be between 0 and 1, not {ratio}.");
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));
    }

    /// <summary>/health: ready (database, broker, everything); /alive: the process answers.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Degraded counts as not ready: MassTransit reports a lost broker connection as Degraded.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) })
            .AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The middleware every service runs, in order: errors, correlation id, auth.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // Probes come every few seconds from the AppHost and the gateway; their database pings are not worth traces.
        app.Use(async (context, next) =>
        {
            if (!IsHealthProbe(context.Request.Path))
            {
                await next(context);
                return;
            }
            using (SuppressInstrumentationScope.Begin()) await next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelationId();
        // A POST with an Idempotency-Key is fingerprinted by its body after binding, so keep the body re-readable.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.ContainsKey(IdempotencyKeyHeader))
            {
                context.Request.EnableBuffering();
            }
            return next(context);
        });
        app.UseAuthentication();
        app.UseTenantContext();
        app.UseAuthorization();
        return app;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
