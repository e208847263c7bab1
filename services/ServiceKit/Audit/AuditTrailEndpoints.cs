using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Jusou.ServiceKit.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Audit;

public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset At, string Subject, string Role, string? Organisation, string Action, string RecordType, Guid? RecordId,
    string Purpose, string Rule, string CorrelationId);

/// <summary>
/// GET /api/{service}/audit: a service's audit trail, for managers, keyset-paged and filtered by record or by user.
/// Read-only: no API changes or deletes an entry (and the database refuses UPDATE and DELETE on the table).
/// </summary>
public static class AuditTrailEndpoints
{
    /// <param name="service">The service's name in operation ids, e.g. "Intake" → ListIntakeAuditEntries.</param>
    public static void MapAuditTrail<TDb>(this IEndpointRouteBuilder api, string service) where TDb : ServiceDbContext
    {
        // Passed as Delegate: the route-handler analyzer cannot read generic method groups.
        Delegate list = List<TDb>;
        api.MapGet("/audit", list).RequireRoles(JusouRoles.Manager).WithTags("Audit (アクセス記録)")
            .WithName($"List{service}AuditEntries")
            .WithSummary("Who read or changed which record, when, why and under which rule; filter by record or by user.");
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> List<TDb>(
        TDb db, Guid? recordId, string? subject, int? pageSize, string? pageToken, CancellationToken cancellationToken)
        where TDb : ServiceDbContext
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.AuditEntries.AsNoTracking();
        if (recordId is { } record) query = query.Where(a => a.RecordId == record);
        if (!string.IsNullOrEmpty(subject)) query = query.Where(a => a.Subject == subject);
        var rows = await query.PageOf(page, a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, a => a.Id, a => new AuditEntryResponse(a.Id, a.At, a.Subject, a.Role, a.Organisation,
            a.Action, a.RecordType, a.RecordId, a.Purpose, a.Rule, a.CorrelationId)));
    }
}
