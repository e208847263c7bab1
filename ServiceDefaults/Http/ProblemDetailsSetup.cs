using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Every error leaves as RFC 7807 ProblemDetails with a traceId and the correlation id. Bad requests that ASP.NET
/// detects itself (malformed or unknown JSON, wrong content type, body too large) keep their status and say why;
/// anything unexpected is a 500 that reveals nothing.
/// </summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddJusouProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions["correlationId"] = CorrelationId.Of(context.HttpContext);
        });
        services.AddExceptionHandler<BadRequestToProblem>();
        services.AddExceptionHandler<UnavailableToProblem>();
        // Let body-binding failures reach the exception handler in every environment, so they answer the same way.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    private sealed class BadRequestToProblem(IProblemDetailsService problems, ILogger<BadRequestToProblem> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad) return false;

            logger.LogInformation("Rejected a bad request: {Reason}", bad.Message);
            context.Response.StatusCode = bad.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode switch
                    {
                        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (application/json).",
                        _ => "The request could not be read.",
                    },
                    Detail = Describe(bad),
                },
            });
        }

        // The framework's message names the parameter and, for JSON, the path and reason: useful to a caller, and
        // it never echoes stored data. Inner JSON exceptions carry the field path (e.g. "$.summary").
        private static string Describe(BadHttpRequestException bad) =>
            bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
    }

    /// <summary>
    /// The database went away mid-request (a restart, a failover): nothing was committed, so say 503 with Retry-After
    /// and let the caller retry (with its Idempotency-Key) rather than report a server fault.
    /// </summary>
    private sealed class UnavailableToProblem(IProblemDetailsService problems, ILogger<UnavailableToProblem> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!Transient.Is(exception)) return false;
            logger.LogWarning(exception, "The database is unavailable; answered 503");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "2";
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The service's database is unavailable.",
                    Detail = "Nothing was changed. Try again shortly; send the same Idempotency-Key to be safe.",
                },
            });
        }
    }
}
