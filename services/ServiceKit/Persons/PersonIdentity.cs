using System.Linq.Expressions;
using Jusou.ServiceKit.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jusou.ServiceKit.Persons;

/// <summary>
/// A kind of record of this service that names an Intake person (<see cref="PersonProperty"/>), and the ids of other
/// records through which a link can name them (<see cref="LinkProperties"/>: the consultation it came from, the
/// outreach target it is). A service lists these in <see cref="ServiceDbContext.PersonRecords"/> to follow links and merges.
/// </summary>
public sealed record PersonRecord(Type Entity, string PersonProperty, IReadOnlyList<string> LinkProperties)
{
    public static PersonRecord Of<TEntity>(Expression<Func<TEntity, Guid?>> person, params Expression<Func<TEntity, Guid?>>[] linkedBy)
        where TEntity : class, ITenantOwned =>
        new(typeof(TEntity), MemberName(person), linkedBy.Select(MemberName).ToList());

    private static string MemberName(LambdaExpression property) => property.Body switch
    {
        MemberExpression member => member.Member.Name,
        UnaryExpression { Operand: MemberExpression member } => member.Member.Name, // t => t.Id, a Guid seen as Guid?
        _ => throw new ArgumentException($"Name a property, not {property.Body}.", nameof(property)),
    };
}

/// <summary>
/// What this service has learnt about Intake's person ids: <see cref="Id"/> means the person <see cref="PersonId"/>.
/// Either a record linked to a person (a consultation, an outreach target: kind link) or a person record merged into
/// another after review (kind merge). Kept flat — every row names the final survivor — so one look-up resolves a chain.
/// </summary>
[NoPersonalData("Intake の ID 同士の対応 (相談・対象者→本人、統合された記録→残る記録) のみ")]
public sealed class PersonAlias : ITenantOwned
{
    public const string Link = "link";
    public const string Merge = "merge";

    public string TenantCode { get; set; } = "";
    public Guid Id { get; init; }
    /// <summary><see cref="Link"/> or <see cref="Merge"/>.</summary>
    public string Kind { get; init; } = "";
    public Guid PersonId { get; set; }
    public DateTimeOffset LearntAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PersonAlias>(alias =>
    {
        alias.ToTable("person_aliases");
        alias.HasKey(a => new { a.TenantCode, a.Id });
        alias.Property(a => a.Kind).HasMaxLength(10);
        alias.HasIndex(a => new { a.TenantCode, a.PersonId });
    });
}

/// <summary>The rules of person identity, without a database: which person a record names, given what is known.</summary>
public static class PersonIdentityRules
{
    /// <summary>
    /// The person <paramref name="personId"/> now means: itself, or the survivor at the end of its merges (A into B, later
    /// B into C: C). A cycle (which Intake cannot produce) stops where it would repeat.
    /// </summary>
    public static Guid Survivor(Guid personId, IReadOnlyDictionary<Guid, Guid> merges)
    {
        var seen = new HashSet<Guid> { personId };
        var current = personId;
        while (merges.TryGetValue(current, out var next) && seen.Add(next)) current = next;
        return current;
    }

    /// <summary>
    /// The person a record names: the one it carries, else the one a link of its <paramref name="linkIds"/> names, each
    /// followed to its survivor. A record that already names a person keeps them (a link never moves a record from one
    /// person to another: only a reviewed merge does).
    /// </summary>
    public static Guid? PersonOf(Guid? personId, IEnumerable<Guid?> linkIds, IReadOnlyDictionary<Guid, Guid> links,
        IReadOnlyDictionary<Guid, Guid> merges)
    {
        if (personId is { } known) return Survivor(known, merges);
        foreach (var id in linkIds)
        {
            if (id is { } linkId && links.TryGetValue(linkId, out var linked)) return Survivor(linked, merges);
        }
        return null;
    }
}

/// <summary>One record a link or a merge re-pointed: its type and id.</summary>
public sealed record RepointedRecord(Type Entity, Guid Id);

/// <summary>
/// A person is one person everywhere: how a service follows Intake's links (ConsultationLinkedToPerson) and merges
/// (PersonsMerged) whatever the order they arrive in. What is learnt is kept (<see cref="PersonAlias"/>) and applied twice:
/// to the records already here when the event arrives, and to every record written later (SaveChanges resolves the
/// person of each new record, or of one whose person changes). A per-tenant advisory lock orders the two, so a record
/// written while a link is learnt is either re-pointed by it or sees it.
/// </summary>
public static class PersonIdentity
{
    /// <summary>Learns that the records <paramref name="linkIds"/> are <paramref name="personId"/>'s, and re-points those here.</summary>
    public static async Task<IReadOnlyList<RepointedRecord>> LearnLinkAsync(ServiceDbContext db, IEnumerable<Guid> linkIds, Guid personId,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await LockAsync(db, exclusive: true, cancellationToken);
        var person = await SurvivorAsync(db, personId, cancellationToken);
        var repointed = new List<RepointedRecord>();
        foreach (var linkId in linkIds.Distinct())
        {
            await RememberAsync(db, linkId, PersonAlias.Link, person, at, cancellationToken);
            foreach (var record in db.PersonRecords.Where(r => r.LinkProperties.Count > 0))
            {
                var table = Table.Of(db, record);
                var linked = string.Join(" OR ", table.LinkColumns.Select(c => $"{c} = {{2}}"));
                repointed.AddRange(await RepointAsync(db, table, $"{table.PersonColumn} IS NULL AND ({linked})", person, linkId, cancellationToken));
            }
        }
        return repointed;
    }

    /// <summary>
    /// Learns that <paramref name="mergedPersonId"/> now means <paramref name="survivorPersonId"/> (and whoever that was
    /// merged into), and re-points the records here and what was learnt before about the merged id.
    /// </summary>
    public static async Task<IReadOnlyList<RepointedRecord>> LearnMergeAsync(ServiceDbContext db, Guid mergedPersonId, Guid survivorPersonId,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        await LockAsync(db, exclusive: true, cancellationToken);
        var survivor = await SurvivorAsync(db, survivorPersonId, cancellationToken);
        if (survivor == mergedPersonId) return []; // a cycle: Intake never merges a record into one merged into it
        await RememberAsync(db, mergedPersonId, PersonAlias.Merge, survivor, at, cancellationToken);
        // Flat: what meant the merged person now means the survivor.
        var tenant = db.Tenant.Required;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE person_aliases SET person_id = {survivor} WHERE tenant_code = {tenant} AND person_id = {mergedPersonId}", cancellationToken);
        var repointed = new List<RepointedRecord>();
        foreach (var record in db.PersonRecords)
        {
            var table = Table.Of(db, record);
            repointed.AddRange(await RepointAsync(db, table, $"{table.PersonColumn} = {{2}}", survivor, mergedPersonId, cancellationToken));
        }
        return repointed;
    }

    /// <summary>The person <paramref name="personId"/> means here now: itself, or the survivor of its merges.</summary>
    public static async Task<Guid> SurvivorAsync(ServiceDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var merges = await db.Set<PersonAlias>().AsNoTracking().Where(a => a.Kind == PersonAlias.Merge && a.Id == personId)
            .ToDictionaryAsync(a => a.Id, a => a.PersonId, cancellationToken);
        return PersonIdentityRules.Survivor(personId, merges);
    }

    /// <summary>
    /// Called by SaveChanges inside its transaction: gives each new record (and each whose person was changed) the person
    /// that what was learnt says it names.
    /// </summary>
    internal static async Task ResolveWrittenRecordsAsync(ServiceDbContext db, CancellationToken cancellationToken)
    {
        var written = Written(db).ToList();
        if (written.Count == 0) return;
        await LockAsync(db, exclusive: false, cancellationToken);
        var ids = written.SelectMany(w => w.LinkIds.Append(w.Person.CurrentValue as Guid?)).OfType<Guid>().Distinct().ToList();
        var aliases = await db.Set<PersonAlias>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        if (aliases.Count == 0) return;
        var links = aliases.Where(a => a.Kind == PersonAlias.Link).ToDictionary(a => a.Id, a => a.PersonId);
        var merges = aliases.Where(a => a.Kind == PersonAlias.Merge).ToDictionary(a => a.Id, a => a.PersonId);
        foreach (var (person, linkIds) in written)
        {
            var resolved = PersonIdentityRules.PersonOf(person.CurrentValue as Guid?, linkIds, links, merges);
            if (resolved is not null && !Equals(person.CurrentValue, resolved)) person.CurrentValue = resolved;
        }
    }

    /// <summary>True when SaveChanges writes a record that names a person, and so must resolve it in a transaction.</summary>
    internal static bool WritesPersonRecords(ServiceDbContext db) => db.PersonRecords.Count > 0 && Written(db).Any();

    private static IEnumerable<(PropertyEntry Person, List<Guid?> LinkIds)> Written(ServiceDbContext db)
    {
        if (db.PersonRecords.Count == 0) yield break;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var record = db.PersonRecords.FirstOrDefault(r => r.Entity == entry.Metadata.ClrType);
            if (record is null) continue;
            var person = entry.Property(record.PersonProperty);
            if (entry.State == EntityState.Modified && !person.IsModified) continue;
            yield return (person, record.LinkProperties.Select(p => entry.Property(p).CurrentValue as Guid?).ToList());
        }
    }

    private static Task RememberAsync(ServiceDbContext db, Guid id, string kind, Guid personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.Required;
        // A link or merge delivered again (or learnt twice) keeps the first row.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO person_aliases (tenant_code, id, kind, person_id, learnt_at)
            VALUES ({tenant}, {id}, {kind}, {personId}, {at})
            ON CONFLICT (tenant_code, id) DO NOTHING
            """, cancellationToken);
    }

    private static async Task<IReadOnlyList<RepointedRecord>> RepointAsync(ServiceDbContext db, Table table, string where, Guid personId,
        Guid match, CancellationToken cancellationToken)
    {
        // Identifiers come from the EF model, values are parameters: {0} the person, {1} the tenant, {2} the id matched.
        var sql = $"UPDATE {table.Name} SET {table.PersonColumn} = {{0}} WHERE tenant_code = {{1}} AND ({where}) RETURNING {table.KeyColumn} AS \"Value\"";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, personId, db.Tenant.Required, match).ToListAsync(cancellationToken);
        return ids.Select(id => new RepointedRecord(table.Entity, id)).ToList();
    }

    /// <summary>
    /// For a unit of work that reads records by person and writes on what it finds (an age announced for a person): waits
    /// for a link or merge being learnt to commit, and keeps the next one from starting until this one commits, so the
    /// two always see each other's effect.
    /// </summary>
    public static Task HoldOffLearningAsync(ServiceDbContext db, CancellationToken cancellationToken) =>
        LockAsync(db, exclusive: false, cancellationToken);

    /// <summary>Learning takes the tenant's lock alone; writers of records share it until they commit.</summary>
    private static Task LockAsync(ServiceDbContext db, bool exclusive, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Person identity is applied inside a transaction.");
        var key = $"person_identity:{db.Tenant.Required}";
        return exclusive
            ? db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken)
            : db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared(hashtextextended({key}, 0))", cancellationToken);
    }

    private sealed record Table(Type Entity, string Name, string KeyColumn, string PersonColumn, IReadOnlyList<string> LinkColumns)
    {
        public static Table Of(ServiceDbContext db, PersonRecord record)
        {
            var entity = db.Model.FindEntityType(record.Entity)
                         ?? throw new InvalidOperationException($"{record.Entity.Name} is not in {db.GetType().Name}'s model.");
            var name = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(store)!);
            return new Table(record.Entity, Quote(name), Column(entity.FindPrimaryKey()!.Properties.Single().Name),
                Column(record.PersonProperty), record.LinkProperties.Select(Column).ToList());
        }

        private static string Quote(string identifier) => $"\"{identifier}\"";
    }
}
