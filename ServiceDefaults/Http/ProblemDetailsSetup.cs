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
}
