using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// One id follows a piece of work across the gateway, the services and the audit trail: taken from the
/// X-Correlation-Id request header when it is well formed, otherwise the trace id; echoed in the response.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "Jusou.CorrelationId";

    public static string Of(HttpContext context) =>
        context.Items[ItemKey] as string ?? Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var given = context.Request.Headers[HeaderName].ToString();
            var id = IsWellFormed(given) ? given : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");

            context.Items[ItemKey] = id;
            // Forwarded by the gateway's proxy and stamped on outgoing HttpClient calls by the same header.
            context.Request.Headers[HeaderName] = id;
            // Set last, so a proxied service's own echo of the same id is not doubled by the gateway.
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey(HeaderName)) context.Response.Headers[HeaderName] = id;
                return Task.CompletedTask;
            });
            Activity.Current?.SetTag("jusou.correlation_id", id);

            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Jusou.Requests");
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                await next(context);
            }
        });

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
