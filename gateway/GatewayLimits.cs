using System.Globalization;
using System.Threading.RateLimiting;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Jusou.Gateway;

/// <summary>
/// Limits at the door: request bodies up to 1 MiB (413 beyond), and a token bucket per user of a tenant
/// (per client address before sign-in) answering 429 with Retry-After when empty.
/// Several gateway instances behind one address (Gateway:RateLimit:Instances, set by the AppHost from its replica count)
/// each keep their own buckets, sized to 1/n of the limit: the load balancer spreads a client's requests over them, so
/// together they allow the configured rate, with no shared store on the request path.
/// </summary>
public static class GatewayLimits
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Gateway:RateLimit");
        var instances = Math.Max(1, settings.GetValue("Instances", 1));
        var permitsPerSecond = Math.Max(1, settings.GetValue("PermitsPerSecond", 100) / instances);
        var burst = Math.Max(1, settings.GetValue("Burst", 200) / instances);

        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var context = rejected.HttpContext;
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = "Wait for the time in Retry-After, then try again." },
                });
            };
        });
    }

    private static string PartitionKey(HttpContext context) =>
        context.User.FindFirst(JusouClaims.Tenant)?.Value is { } tenant
            ? $"user:{tenant}:{context.User.FindFirst(JusouClaims.Subject)?.Value}"
            : $"address:{context.Connection.RemoteIpAddress}";
}
