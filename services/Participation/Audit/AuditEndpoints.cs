using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Participation.Audit;

public sealed record AuditEntryResponse(
    Guid Id, DateTimeOffset At, string Subject, string Role, string? Organisation, string Action, string RecordType, Guid? RecordId,
    string Purpose, string Rule, string CorrelationId);

/// <summary>The audit trail, for managers: read-only — there is no way to change or delete an entry.</summary>
public static class AuditEndpoints
{
    public static void MapAudit(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", List).RequireRoles(JusouRoles.Manager).WithTags("Audit (アクセス記録)")
            .WithName("ListParticipationAuditEntries")
            .WithSummary("Who read or changed which request, placement, check-in or session, when, why and under which rule; filter by record or user.");

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> List(
        ParticipationDbContext db, Guid? recordId, string? subject, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.AuditEntries.AsNoTracking();
        if (recordId is { } record) query = query.Where(a => a.RecordId == record);
        if (!string.IsNullOrEmpty(subject)) query = query.Where(a => a.Subject == subject);
        if (page.After is { } after) query = query.Where(a => a.Id.CompareTo(after) > 0);
        var rows = await query.OrderBy(a => a.Id).Take(page.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, a => a.Id, a => new AuditEntryResponse(a.Id, a.At, a.Subject, a.Role, a.Organisation,
            a.Action, a.RecordType, a.RecordId, a.Purpose, a.Rule, a.CorrelationId)));
    }
}
