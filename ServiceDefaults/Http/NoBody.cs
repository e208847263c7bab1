using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jusou.ServiceDefaults.Http;

public static class NoBody
{
    /// <summary>
    /// For a POST that takes no body (an action such as an import): a request that sends one is a client's mistake
    /// and gets 400, rather than being acted on as if the body meant nothing.
    /// </summary>
    public static TBuilder RejectsBody<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "This request takes no body.",
                    detail: "Send it without a body.");
            }
            return await next(context);
        });
}
