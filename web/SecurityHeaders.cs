namespace Jusou.Web;

/// <summary>
/// The console is its own origin and says what a browser may do with its pages: load styles, images and its one script
/// from here only (wwwroot/busy.js: progress for long work; no inline script, no other origin — the pages are rendered
/// on the server and work without it), fetch only from here, post forms only here, never be framed. Pages carry
/// personal data, so they are not cached.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; " +
        "base-uri 'self'; frame-ancestors 'none'";

    public static void UseConsoleSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            if (context.Request.Path.Value?.EndsWith(".css", StringComparison.Ordinal) != true)
            {
                headers.CacheControl = "no-store";
            }
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        });
}
