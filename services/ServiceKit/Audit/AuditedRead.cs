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
}
