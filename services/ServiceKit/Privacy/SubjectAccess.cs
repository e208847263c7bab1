using Jusou.ServiceKit.Audit;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Jusou.ServiceKit.Privacy;

/// <summary>Whom a service looks for.</summary>
/// <param name="PersonId">The Intake person id asked about: the record of the audit row.</param>
/// <param name="PersonIds">
/// That id and every Intake person id merged into it (a reviewed merge of two records of the same resident). Services
/// follow PersonsMerged (see Persons.PersonIdentity), but a merge may still be on its way to one of them, and records
/// written before a service followed merges stay under the old ids: so each looks under all of them.
/// </param>
/// <param name="Linked">Records of this service that other services know to be the person's (see <see cref="SubjectAccessPart.Linked"/>).</param>
public sealed record SubjectQuery(Guid PersonId, IReadOnlyList<Guid> PersonIds, IReadOnlyList<Guid> Linked);

/// <summary>What one service found about one person.</summary>
/// <param name="Records">The records, by record type (persons, consultations, supportCases …), each list in a stable order.</param>
/// <param name="Linked">
/// Records of other services this service knows to be about the person although they carry no person id, by the
/// service that holds them (its route name): e.g. "outreach" → the targets the person's consultations were handed on
/// from. The gateway passes them to that service as <c>?linked=</c>.
/// </param>
/// <param name="MergedPersonIds">Intake only: the person ids merged into the one asked about, which the gateway passes on.</param>
public sealed record SubjectAccessPart(
    IReadOnlyDictionary<string, IReadOnlyList<object>> Records,
    IReadOnlyDictionary<string, IReadOnlyList<Guid>>? Linked = null,
    IReadOnlyList<Guid>? MergedPersonIds = null)
{
    /// <summary>No record, no link and no merged id: the service knows nothing of the person.</summary>
    public bool HoldsNothing => Records.All(r => r.Value.Count == 0) && (Linked ?? new Dictionary<string, IReadOnlyList<Guid>>()).All(l => l.Value.Count == 0)
        && (MergedPersonIds ?? []).Count == 0;
}

/// <summary>One service's answer to a 開示請求.</summary>
public sealed record SubjectAccessExport(
    string Service, Guid PersonId, IReadOnlyDictionary<string, IReadOnlyList<object>> Records,
    IReadOnlyDictionary<string, IReadOnlyList<Guid>> Linked, IReadOnlyList<Guid> MergedPersonIds);

/// <summary>
/// 開示請求 (個人情報の保護に関する法律 第76条以下; for municipalities since 2023): a person asks for the personal data the
/// municipality holds about them. Each service answers for its own records at GET /api/&lt;service&gt;/privacy/subjects/{personId}
/// (manager only); the gateway gathers every service's answer into one document (GET /api/privacy/subjects/{personId}).
/// Every call writes one audit row, also when the service holds nothing: the search itself touched the person's data.
/// </summary>
public static class SubjectAccess
{
    public const string Path = "/privacy/subjects/{personId:guid}";
    public const string Action = "subject_access_export";
    public const string RecordType = "person";
    /// <summary>The rule in the audit row: 個人情報保護法 第76条 開示請求 (answered on the person's own request).</summary>
    public const string Rule = "appi_art76_disclosure_request";
    /// <summary>The purpose the gateway sends (X-Purpose) with its calls, so the audit rows say why.</summary>
    public const string Purpose = "disclosure_request";

    /// <summary>
    /// Maps this service's part of the export. <paramref name="gather"/> reads the service's records of the person (and of
    /// the <c>linked</c> records the gateway passes on) through the tenant-filtered DbContext, so another tenant's person
    /// yields nothing; it answers null only in the service that records persons (Intake) when there is no such person. Either
    /// way, and whenever the service holds nothing of the person, the answer is 404.
    /// The audit row (record = the person) is written in the same SaveChanges, whatever was found.
    /// </summary>
    public static RouteHandlerBuilder MapSubjectAccess<TDb>(this IEndpointRouteBuilder api, string service,
        Func<TDb, SubjectQuery, CancellationToken, Task<SubjectAccessPart?>> gather)
        where TDb : ServiceDbContext =>
        api.MapGet(Path, async Task<Results<Ok<SubjectAccessExport>, NotFound>> (
                Guid personId, Guid[]? mergedPersonId, Guid[]? linked, TDb db, HttpContext http, CancellationToken cancellationToken) =>
            {
                // A manager could name any id of the tenant here, but could read those records anyway; all is audited with the person.
                var query = new SubjectQuery(personId, [personId, .. (mergedPersonId ?? []).Where(id => id != personId).Distinct()],
                    (linked ?? []).Distinct().ToList());
                var part = await gather(db, query, cancellationToken);
                db.AuditEntries.Add(AuditEntry.For(http, Action, RecordType, personId, Rule));
                await db.SaveChangesAsync(cancellationToken);
                // Nothing of the person here — another municipality's person, or one this service never worked with — is
                // 404, as at the gateway; the search is audited all the same.
                if (part is null || part.HoldsNothing) return TypedResults.NotFound();
                return TypedResults.Ok(new SubjectAccessExport(service, personId, part.Records,
                    part.Linked ?? new Dictionary<string, IReadOnlyList<Guid>>(), part.MergedPersonIds ?? []));
            })
            .RequireRoles(JusouRoles.Manager)
            .WithTags("Privacy (開示請求)")
            .WithName($"ExportSubjectRecords_{service}")
            .WithSummary($"開示請求: every record {service} holds about the person with this Intake person id, as JSON (manager; audited). " +
                "`mergedPersonId` adds ids merged into the person, `linked` records known to be theirs from another service. Usually called through the gateway's " +
                "GET /api/privacy/subjects/{personId}, which gathers every service.");
}
