using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jusou.ServiceKit.Privacy;

/// <summary>
/// Declares the entity as the principal record of a 個人情報ファイル (個人情報保護法 第74条・第75条): the file the
/// municipality lists in its 個人情報ファイル簿. Tables that hang off this one by a foreign key belong to the same file.
/// </summary>
/// <param name="name">個人情報ファイルの名称.</param>
/// <param name="purpose">利用目的.</param>
/// <param name="retention">保存期間, as the municipality's records rules say it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersonalDataFileAttribute(string name, string purpose, string retention) : Attribute
{
    public string Name => name;
    public string Purpose => purpose;
    public string Retention => retention;
    /// <summary>記録範囲: whose data the file holds.</summary>
    public string Subjects { get; init; } = "相談・支援の対象となった住民";
    /// <summary>記録情報の収集方法.</summary>
    public string Sources { get; init; } = "本人・家族・関係機関からの聴取、職員の記録";
    /// <summary>要配慮個人情報 (病歴、障害 …) が含まれるか.</summary>
    public bool SpecialCareData { get; init; }
    /// <summary>経常的提供先: who regularly receives it (ids and codes on the bus do not count: they carry no personal data).</summary>
    public string Recipients { get; init; } = "なし";
    /// <summary>
    /// The property (a date or time) at which the record's purpose ended, e.g. ClosedAt; records older than
    /// <see cref="RetentionYears"/> from it are due for the audited purge (see <see cref="RetentionEndpoints"/>).
    /// Null: the file is not purged by the system (the retention is applied by the records office).
    /// </summary>
    public string? RetentionFrom { get; init; }
    /// <summary>Years kept after <see cref="RetentionFrom"/>; a tenant's configuration can shorten or lengthen it.</summary>
    public int RetentionYears { get; init; } = 5;
}

/// <summary>
/// Declares that the entity belongs to the file of <paramref name="principal"/> though no foreign key says so (rows
/// that refer to it by id only, such as a timeline line or an alert about a case).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PartOfPersonalDataFileAttribute(Type principal) : Attribute
{
    public Type Principal => principal;
    /// <summary>The property holding the principal's id: the purge removes these rows with their principal.</summary>
    public string? Via { get; init; }
}

/// <summary>Declares that the entity holds no personal data (code tables, counts, directories of organisations).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoPersonalDataAttribute(string reason) : Attribute
{
    public string Reason => reason;
}

/// <summary>One file of the register, with the items (columns) its tables record.</summary>
public sealed record RegisterFile(
    string Name, string Service, string Purpose, IReadOnlyList<string> Items, string Subjects, string Sources,
    bool SpecialCareData, string Recipients, string Retention, IReadOnlyList<string> Tables);

/// <summary>A table without personal data, and why.</summary>
public sealed record RegisterExclusion(string Table, string Reason);

/// <summary>
/// A service's part of the 個人情報ファイル簿, read from its EF Core model. <see cref="Unclassified"/> lists tables
/// nobody has declared either way: a new table must say whether it holds personal data before it ships.
/// </summary>
public sealed record PersonalDataRegister(
    string Service, IReadOnlyList<RegisterFile> Files, IReadOnlyList<RegisterExclusion> WithoutPersonalData, IReadOnlyList<string> Unclassified)
{
    /// <summary>Builds the register from the model: each entity is declared, or belongs to the file of its principal.</summary>
    public static PersonalDataRegister From(IModel model, string service)
    {
        var files = new Dictionary<PersonalDataFileAttribute, List<IEntityType>>();
        var exclusions = new List<RegisterExclusion>();
        var unclassified = new List<string>();

        foreach (var entity in model.GetEntityTypes().OrderBy(TableOf, StringComparer.Ordinal))
        {
            switch (Classify(entity, []))
            {
                case PersonalDataFileAttribute file:
                    if (!files.TryGetValue(file, out var members)) files[file] = members = [];
                    members.Add(entity);
                    break;
                case NoPersonalDataAttribute none:
                    exclusions.Add(new RegisterExclusion(TableOf(entity), none.Reason));
                    break;
                default:
                    unclassified.Add(TableOf(entity));
                    break;
            }
        }

        var register = files
            .Select(file => new RegisterFile(
                file.Key.Name, service, file.Key.Purpose,
                file.Value.SelectMany(Items).Distinct().ToList(),
                file.Key.Subjects, file.Key.Sources, file.Key.SpecialCareData, file.Key.Recipients, file.Key.Retention,
                file.Value.Select(TableOf).Distinct().ToList()))
            .OrderBy(f => f.Tables[0], StringComparer.Ordinal)
            .ToList();
        return new PersonalDataRegister(service, register, exclusions.DistinctBy(e => e.Table).ToList(), unclassified.Distinct().ToList());
    }

    /// <summary>The entity's own declaration, else its owner's or principal's (a child row belongs to its parent's file).</summary>
    private static Attribute? Classify(IEntityType entity, HashSet<IEntityType> seen)
    {
        if (!seen.Add(entity)) return null;
        var declared = (Attribute?)entity.ClrType.GetCustomAttributes(typeof(PersonalDataFileAttribute), false).FirstOrDefault()
                       ?? (Attribute?)entity.ClrType.GetCustomAttributes(typeof(NoPersonalDataAttribute), false).FirstOrDefault();
        if (declared is not null) return declared;
        var partOf = entity.ClrType.GetCustomAttributes(typeof(PartOfPersonalDataFileAttribute), false)
            .Cast<PartOfPersonalDataFileAttribute>().FirstOrDefault();
        if (partOf is not null && entity.Model.FindEntityType(partOf.Principal) is { } principal) return Classify(principal, seen);
        // A row referring to a person's record and to, say, an organisation belongs to the person's file.
        var principals = entity.GetForeignKeys().Select(key => Classify(key.PrincipalEntityType, seen)).ToList();
        return principals.OfType<PersonalDataFileAttribute>().FirstOrDefault() ?? principals.FirstOrDefault(found => found is not null);
    }

    private static string TableOf(IEntityType entity) => entity.GetTableName() ?? entity.FindOwnership()?.PrincipalEntityType.GetTableName() ?? entity.ClrType.Name;

    /// <summary>"table.column" for what the row records; the tenant code and the concurrency token are bookkeeping.</summary>
    private static IEnumerable<string> Items(IEntityType entity) => entity.GetProperties()
        .Where(p => !p.IsConcurrencyToken && p.Name != nameof(ITenantOwned.TenantCode))
        .Select(p => $"{TableOf(entity)}.{p.GetColumnName()}");
}

public static class PersonalDataRegisterEndpoints
{
    /// <summary>GET /api/{service}/privacy/register: this service's part of the 個人情報ファイル簿, for any role of the tenant.</summary>
    public static void MapPersonalDataRegister<TDb>(this IEndpointRouteBuilder api, string service) where TDb : ServiceDbContext
    {
        api.MapGet("/privacy/register", Get<TDb>(service))
            .WithName("GetPersonalDataRegister").WithTags("Privacy (個人情報)")
            .WithSummary("This service's part of the 個人情報ファイル簿: each file with its purpose, items and retention, read from the data model.");
    }

    private static Func<TDb, PersonalDataRegister> Get<TDb>(string service) where TDb : ServiceDbContext =>
        db => PersonalDataRegister.From(db.Model, service);
}
