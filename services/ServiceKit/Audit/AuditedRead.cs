using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace Jusou.ServiceKit.Audit;

/// <summary>How a GET of one record is audited, the same in every service.</summary>
public static class AuditedRead
{
    /// <summary>
    /// The read's audit row (who read which record, and the rule that let them), stored before the answer leaves, so no
    /// read goes unrecorded; and the record's version as the answer's ETag when it has one.
    /// </summary>
    public static async Task AuditReadAsync(this ServiceDbContext db, HttpContext http, string recordType, Guid id, uint? version = null,
        string rule = AuditEntry.RoleInTenant, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(AuditEntry.For(http, "read", recordType, id, rule));
        await db.SaveChangesAsync(cancellationToken);
        if (version is { } v) ETags.Set(http, v);
    }

    /// <summary>
    /// The audit rows of a list or search: one per record returned (action "search", or another the endpoint names),
    /// stored before the answer leaves.
    /// </summary>
    public static async Task AuditReadsAsync(this ServiceDbContext db, HttpContext http, string action, string recordType,
        IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        db.AuditEntries.AddRange(ids.Select(id => AuditEntry.For(http, action, recordType, id)));
        await db.SaveChangesAsync(cancellationToken);
    }
}
