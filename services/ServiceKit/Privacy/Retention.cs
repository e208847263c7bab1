using Jusou.ServiceKit.Audit;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;

namespace Jusou.ServiceKit.Privacy;

/// <summary>Records of one file whose retention period has run out.</summary>
/// <param name="Years">The retention in force: the file's default or Privacy:Retention:{table}:Years (0 for the replay copies, kept days).</param>
/// <param name="EndedBefore">Records whose purpose ended before this day are due.</param>
public sealed record RetentionDue(string File, string Table, int Years, DateOnly EndedBefore, int Records);

/// <summary>What a purge removed: the principal records (their child rows went with them).</summary>
public sealed record RetentionPurge(DateTimeOffset At, IReadOnlyList<RetentionDue> Purged);

/// <summary>
/// Retention (保存期間) and the audited purge of what has outlived it. A file whose principal entity declares
/// <see cref="PersonalDataFileAttribute.RetentionFrom"/> is purged, for the caller's tenant, when a manager asks:
/// GET …/privacy/retention shows what is due, POST …/privacy/retention/purge removes it. Child rows go by their
/// foreign keys' cascade or by <see cref="PartOfPersonalDataFileAttribute.Via"/>; each removed principal record
/// leaves an audit row (action purge) naming the table, the record id and the rule. Audit rows are never purged here.
/// </summary>
public static class RetentionEndpoints
{
    public const string Rule = "retention_period";

    public static void MapRetention<TDb>(this IEndpointRouteBuilder api) where TDb : ServiceDbContext
    {
        // Handlers are passed as Delegate: the route-handler analyzer cannot read generic method groups.
        Delegate due = Due<TDb>, purge = Purge<TDb>;
        var retention = api.MapGroup("/privacy/retention").WithTags("Privacy (個人情報)").RequireRoles(JusouRoles.Manager);
        retention.MapGet("/", due).WithName("GetRetentionDue")
            .WithSummary("Records of this tenant whose retention period (保存期間) has run out, per file: what a purge would remove.");
        retention.MapPost("/purge", purge).WithName("PurgeExpiredRecords")
            .WithSummary("Remove the records whose retention period has run out, with their child rows; one audit row per record.")
            .RejectsBody();
    }

    private static async Task<Ok<IReadOnlyList<RetentionDue>>> Due<TDb>(TDb db, IConfiguration configuration, TimeProvider clock,
        CancellationToken cancellationToken) where TDb : ServiceDbContext
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var due = new List<RetentionDue>();
        foreach (var rule in Rules(db.Model, configuration))
        {
            var ids = await ExpiredIds(db, rule, today, cancellationToken);
            due.Add(rule.Due(today, ids.Count));
        }
        var replayBefore = ReplayCopiesBefore(configuration, clock);
        due.Add(ReplayCopiesDue(replayBefore, await db.IdempotentRequests.CountAsync(r => r.CreatedAt < replayBefore, cancellationToken)));
        return TypedResults.Ok<IReadOnlyList<RetentionDue>>(due);
    }

    private static async Task<Ok<RetentionPurge>> Purge<TDb>(TDb db, IConfiguration configuration, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken) where TDb : ServiceDbContext
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var purged = new List<RetentionDue>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var rule in Rules(db.Model, configuration))
        {
            var ids = await ExpiredIds(db, rule, today, cancellationToken);
            if (ids.Count == 0) continue;
            // Table and column names come from the model, never from the request; the values are parameters.
            foreach (var (dependent, via) in rule.Dependents)
            {
                var deleteDependents = $"DELETE FROM {Quote(dependent.GetTableName()!)} WHERE tenant_code = {{0}} AND {Quote(via.GetColumnName())} = ANY({{1}})";
                await db.Database.ExecuteSqlRawAsync(deleteDependents, [db.Tenant.Required, ids.ToArray()], cancellationToken);
            }
            var deletePrincipals = $"DELETE FROM {Quote(rule.Table)} WHERE tenant_code = {{0}} AND {Quote(rule.Key.GetColumnName())} = ANY({{1}})";
            await db.Database.ExecuteSqlRawAsync(deletePrincipals, [db.Tenant.Required, ids.ToArray()], cancellationToken);
            db.AuditEntries.AddRange(ids.Select(id => AuditEntry.For(http, "purge", rule.Table, id, Rule)));
            purged.Add(rule.Due(today, ids.Count));
        }
        // The copies of answers kept for Idempotency-Key replays hold residents' data too; one audit row records how
        // far back they were removed (they have no id of their own).
        var replayBefore = ReplayCopiesBefore(configuration, clock);
        var replays = await db.IdempotentRequests.Where(r => r.CreatedAt < replayBefore).ExecuteDeleteAsync(cancellationToken);
        if (replays > 0)
        {
            db.AuditEntries.Add(AuditEntry.For(http, "purge", "idempotent_requests", null, Rule));
            purged.Add(ReplayCopiesDue(replayBefore, replays));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new RetentionPurge(clock.GetUtcNow(), purged));
    }

    private static async Task<List<Guid>> ExpiredIds(ServiceDbContext db, RetentionRule rule, DateOnly today, CancellationToken cancellationToken)
    {
        var endedBefore = rule.EndedBefore(today);
        object cutoff = rule.From.ClrType.UnwrapNullable() == typeof(DateOnly)
            ? endedBefore
            : new DateTimeOffset(endedBefore.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var select = $"SELECT {Quote(rule.Key.GetColumnName())} AS \"Value\" FROM {Quote(rule.Table)} WHERE tenant_code = {{0}} AND {Quote(rule.From.GetColumnName())} < {{1}}";
        return await db.Database.SqlQueryRaw<Guid>(select, db.Tenant.Required, cutoff).ToListAsync(cancellationToken);
    }

    private static IEnumerable<RetentionRule> Rules(IModel model, IConfiguration configuration)
    {
        foreach (var root in model.GetEntityTypes())
        {
            if (root.ClrType.GetCustomAttributes(typeof(PersonalDataFileAttribute), false).FirstOrDefault() is not PersonalDataFileAttribute
                {
                    RetentionFrom: { } fromName,
                } file)
            {
                continue;
            }
            var table = root.GetTableName()!;
            // A configured period under a year is ignored: a typo must not turn a purge into deleting last week's records.
            var years = configuration.GetValue<int?>($"Privacy:Retention:{table}:Years") is >= 1 and var configured ? configured : file.RetentionYears;
            var dependents = model.GetEntityTypes()
                .Select(e => (Entity: e, PartOf: e.ClrType.GetCustomAttributes(typeof(PartOfPersonalDataFileAttribute), false)
                    .Cast<PartOfPersonalDataFileAttribute>().FirstOrDefault()))
                .Where(d => d.PartOf is { Via: not null } && d.PartOf.Principal == root.ClrType)
                .Select(d => (d.Entity, d.Entity.FindProperty(d.PartOf!.Via!)
                    ?? throw new InvalidOperationException($"{d.Entity.ClrType.Name} has no property {d.PartOf.Via}.")))
                .ToList();
            yield return new RetentionRule(file.Name, table, root.FindPrimaryKey()!.Properties.Single(),
                root.FindProperty(fromName) ?? throw new InvalidOperationException($"{root.ClrType.Name} has no property {fromName}."),
                years, dependents);
        }
    }

    /// <summary>Answers kept for Idempotency-Key replays: Privacy:Retention:idempotent_requests:Days, 7 by default.</summary>
    private static DateTimeOffset ReplayCopiesBefore(IConfiguration configuration, TimeProvider clock) =>
        clock.GetUtcNow().AddDays(-(configuration.GetValue<int?>("Privacy:Retention:idempotent_requests:Days") is >= 1 and var days ? days : 7));

    private static RetentionDue ReplayCopiesDue(DateTimeOffset before, int records) =>
        new("再送応答控え (Idempotency-Key)", "idempotent_requests", 0, DateOnly.FromDateTime(before.UtcDateTime), records);

    private static string Quote(string identifier) => '"' + identifier.Replace("\"", "\"\"") + '"';

    private static Type UnwrapNullable(this Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private sealed record RetentionRule(string File, string Table, IProperty Key, IProperty From, int Years,
        IReadOnlyList<(IEntityType Entity, IProperty Via)> Dependents)
    {
        public DateOnly EndedBefore(DateOnly today) => today.AddYears(-Years);
        public RetentionDue Due(DateOnly today, int records) => new(File, Table, Years, EndedBefore(today), records);
    }
}
