using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceKit.Messaging;

public sealed record RedriveResult(string Queue, int Moved);

/// <summary>
/// For operators (role ops): GET /api/{service}/ops/error-queues lists this service's error queues with their
/// message counts; POST …/{queue}/redrive moves the parked messages back for another try.
/// </summary>
public static class ErrorQueueEndpoints
{
    public const int MaxRedrive = 10_000;

    public static void MapErrorQueues(this IEndpointRouteBuilder api)
    {
        var ops = api.MapGroup("/ops/error-queues").WithTags("Operations (運用)").RequireRoles(JusouRoles.Ops);
        ops.MapGet("/", List).WithName("ListErrorQueues").WithSummary("This service's error queues and how many messages each holds.");
        ops.MapPost("/{queue}/redrive", Redrive).WithName("RedriveErrorQueue")
            .WithSummary("Move parked messages back to their queue for another try (up to ?limit=, default all).");
    }

    private static async Task<Ok<IReadOnlyList<ErrorQueue>>> List(ErrorQueues errorQueues, CancellationToken cancellationToken) =>
        TypedResults.Ok(await errorQueues.ListAsync(cancellationToken));

    private static async Task<Results<Ok<RedriveResult>, NotFound, ValidationProblem>> Redrive(
        string queue, int? limit, ErrorQueues errorQueues, ILoggerFactory loggers, HttpContext http, CancellationToken cancellationToken)
    {
        if (!errorQueues.ConsumerQueues.Contains(queue)) return TypedResults.NotFound();
        if (limit is < 1 or > MaxRedrive)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxRedrive}."] });
        }
        var moved = await errorQueues.RedriveAsync(queue, limit ?? MaxRedrive, cancellationToken);
        loggers.CreateLogger("Jusou.Operations").LogWarning("{Operator} re-drove {Moved} messages from {Queue}_error",
            http.User.SubjectId(), moved, queue);
        return TypedResults.Ok(new RedriveResult(queue, moved));
    }
}
