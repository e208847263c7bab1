using Jusou.ServiceDefaults.Http;

namespace Jusou.Gateway;

/// <summary>
/// What a browser needs to be told: which other origins may call the API (none unless configured in
/// Gateway:Cors:AllowedOrigins — a municipality's own portal, for instance) and the security headers on every answer.
/// API answers carry personal data, so they are never cached and never framed.
/// </summary>
public static class BrowserSecurity
{
    public const string CorsPolicy = "configured-origins";

    /// <summary>The policy of every answer but a printed page: nothing may load, run or frame.</summary>
    public const string DefaultPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static void AddBrowserSecurity(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Gateway:Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Correlation-Id", "X-Purpose")
            .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Correlation-Id", "Idempotent-Replayed")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
    }

    public static void UseBrowserSecurity(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Resource-Policy"] = "same-site";
            // The reference page (/scalar) runs scripts; everything else is data and may not load or frame anything —
            // except a printed page's own stylesheet. A service marks its printed pages with the one policy the kit
            // computes from that stylesheet's hash (ServiceDefaults/Http/PrintablePage.cs); the gateway lets exactly that
            // policy through and puts its own in place of any other, so no service can loosen what browsers enforce.
            if (!context.Request.Path.StartsWithSegments("/scalar"))
            {
                headers.XFrameOptions = "DENY";
                context.Response.OnStarting(() =>
                {
                    headers.ContentSecurityPolicy = headers.ContentSecurityPolicy == PrintablePage.ContentSecurityPolicy
                        ? PrintablePage.ContentSecurityPolicy
                        : DefaultPolicy;
                    return Task.CompletedTask;
                });
            }
            if (context.Request.Path.StartsWithSegments("/api")) headers.CacheControl = "no-store";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        });
        app.UseCors(CorsPolicy);
    }
}
