using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceKit.Messaging;

/// <summary>For operators (role ops): POST /api/{service}/ops/message-retention runs the outbox and inbox retention sweep now.</summary>
public static class MessageRetentionEndpoints
{
    public static void MapMessageRetention<TDbContext>(this IEndpointRouteBuilder api) where TDbContext : ServiceDbContext
    {
        // Passed as Delegate: the route-handler analyzer cannot read generic method groups.
        Delegate sweep = Sweep<TDbContext>;
        api.MapPost("/ops/message-retention", sweep).WithTags("Operations (運用)").RequireRoles(JusouRoles.Ops)
            .WithName("SweepMessageRetention")
            .WithSummary("Delete sent outbox rows and inbox rows older than their retention now (the service also does so every few minutes).");
    }

    private static async Task<Ok<MessageRetentionSweep>> Sweep<TDbContext>(
        TDbContext db, MessageRetention retention, ILoggerFactory loggers, CancellationToken cancellationToken) where TDbContext : ServiceDbContext
    {
        var sweep = await retention.SweepAsync(db, cancellationToken);
        MessageRetentionService<TDbContext>.Log(loggers.CreateLogger("Jusou.Operations"), sweep);
        return TypedResults.Ok(sweep);
    }
}
