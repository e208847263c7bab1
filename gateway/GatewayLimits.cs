using System.Threading.RateLimiting;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace Jusou.Gateway;

/// <summary>
/// Limits at the door: request bodies up to 1 MiB (413 beyond), and a token bucket per user of a tenant
/// (per client address before sign-in) answering 429 with Retry-After when empty.
/// </summary>
public static class GatewayLimits
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void AddGatewayRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Gateway:RateLimit");
        var permitsPerSecond = settings.GetValue("PermitsPerSecond", 100);
        var burst = settings.GetValue("Burst", 200);

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
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
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
