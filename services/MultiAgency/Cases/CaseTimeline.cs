namespace Jusou.MultiAgency.Cases;

public sealed record TimelineEntryResponse(Guid Id, DateTimeOffset At, string Source, string Kind, string? Detail, Guid? RecordId);

/// <summary>GET /cases/{id}/timeline: one picture of everything done for the case, newest first.</summary>
public static class CaseTimeline
{
    public static async Task<Results<Ok<Page<TimelineEntryResponse>>, NotFound, ValidationProblem>> Read(
        Guid id, MultiAgencyDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var supportCase = await CaseAccess.FindHead(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();

        // Newest first by when it happened (reports of other services arrive late and out of order), ties broken by
        // id; the page token is the last line seen, and the next page continues strictly after it in that order.
        var query = db.CaseTimeline.AsNoTracking().Where(e => e.CaseId == id);
        if (page.After is { } after)
        {
            var anchor = await query.Where(e => e.Id == after).Select(e => new { e.At, e.Id }).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = ["pageToken is not a token this API issued."] });
            }
            query = query.Where(e => e.At < anchor.At || (e.At == anchor.At && e.Id.CompareTo(anchor.Id) < 0));
        }
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(page.Size + 1).ToListAsync(cancellationToken);

        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "case_timeline", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, e => e.Id, e => new TimelineEntryResponse(e.Id, e.At, e.Source, e.Kind, e.Detail, e.RecordId)));
    }
}
