using Jusou.ServiceKit.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jusou.ServiceKit.Privacy;

/// <summary>
/// The consent rule said no: sharing a person's data needs their recorded consent covering the organisation and the
/// purpose — or, for 多機関協働 and アウトリーチ only, the 支援会議 (社会福祉法第106条の6). <see cref="Rule"/> is the rule's
/// code; the 422 names it, and so does the audit row.
/// </summary>
/// <param name="Facts">What the caller needs to act on, as problem extensions (e.g. the organisations not covered).</param>
public sealed record SharingRefusal(string Rule, string Title, string Detail, IReadOnlyDictionary<string, object?>? Facts = null)
{
    /// <summary>The rule every service names when sharing needs consent and none recorded allows it.</summary>
    public const string ConsentRequired = "consent_required";

    /// <summary>
    /// The one way a service refuses to share: nothing of the request is stored (the unit of work is dropped), an audit
    /// row names the rule, and the caller gets a 422 whose <c>rule</c> extension names it too.
    /// </summary>
    public async Task<ProblemHttpResult> RefuseAsync(ServiceDbContext db, HttpContext http, string action, string recordType, Guid? recordId,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(AuditEntry.For(http, $"{action}_denied", recordType, recordId, Rule));
        await db.SaveChangesAsync(cancellationToken);
        var extensions = new Dictionary<string, object?> { ["rule"] = Rule };
        foreach (var (key, value) in Facts ?? new Dictionary<string, object?>()) extensions[key] = value;
        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: Title, detail: Detail, extensions: extensions);
    }
}
