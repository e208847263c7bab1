using System.Text.Json;
using Jusou.CommunityResources.Areas;
using Npgsql;

namespace Jusou.CommunityResources.ResourceDirectory.Seed;

/// <summary>
/// Sample data: Ina city's 重層的支援体制整備事業 実施計画 table (every programme with 対象者, 実施方式, 圏域, 支援機関,
/// 所管課), transcribed once from the plan into ina-programmes.json. Loading it into a tenant is idempotent: rows are
/// keyed by their stable external key, and a row already there is left exactly as it is.
/// </summary>
public static class InaSampleImport
{
    public sealed record ImportResult(int AreasCreated, int OrganisationsCreated, int ProgrammesCreated, int Unchanged);

    private sealed record SeedFile(List<SeedArea> Areas, List<SeedOrganisation> Organisations, List<SeedProgramme> Programmes);
    private sealed record SeedArea(string Code, string Name, string Level, string? ParentCode);
    private sealed record SeedOrganisation(string Key, string Name, string Kind, string? ParentKey, string? AreaCode, string? Description);
    private sealed record SeedProgramme(
        string Key, string Name, string StatutoryProject, string? StatutoryClause, string? TargetDescription, List<string> TargetGroups,
        string DeliveryMethod, string AreaCode, string OrganisationKey, List<string>? PartnerKeys, string? Department, string? Description,
        List<string>? Kinds, int? MinimumAge, bool ParticipationCapable);

    /// <summary>A sample organisation's code, from its key: ina:org:shakyo is ina-shakyo (the sample has no 法人番号).</summary>
    public static string CodeOf(string key) => key.Replace(":org:", "-");

    private static readonly Lazy<SeedFile> Data = new(() =>
    {
        using var stream = typeof(InaSampleImport).Assembly.GetManifestResourceStream("Jusou.CommunityResources.ina-programmes.json")
            ?? throw new InvalidOperationException("ina-programmes.json is not embedded.");
        return JsonSerializer.Deserialize<SeedFile>(stream, JsonSerializerOptions.Web)!;
    });

    public static void MapInaSampleImport(this IEndpointRouteBuilder api) =>
        api.MapPost("/imports/ina-sample", Import).RejectsBody().RequireRoles(AreaEndpoints.Editors).WithTags("Demo data")
            .WithName("ImportInaSample")
            .WithSummary("Load Ina city's programme table (実施計画) into the caller's municipality as sample data; running it again changes nothing.");

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(
        CommunityResourcesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var seed = Data.Value;
        var now = clock.GetUtcNow();
        int areas = 0, organisations = 0, programmes = 0, unchanged = 0;

        var existingAreas = await db.Areas.Select(a => a.Code).ToListAsync(cancellationToken);
        foreach (var area in seed.Areas)
        {
            if (existingAreas.Contains(area.Code)) { unchanged++; continue; }
            var row = new Area { Code = area.Code, Name = area.Name, Level = area.Level, ParentCode = area.ParentCode };
            db.Areas.Add(row);
            row.Announce(db, now);
            areas++;
        }

        var organisationIds = await db.Organisations.Where(o => o.ExternalKey != null)
            .ToDictionaryAsync(o => o.ExternalKey!, o => o.Id, cancellationToken);
        foreach (var organisation in seed.Organisations)
        {
            if (organisationIds.ContainsKey(organisation.Key)) { unchanged++; continue; }
            var row = new Organisation
            {
                ExternalKey = organisation.Key, Code = CodeOf(organisation.Key),
                Name = organisation.Name, Kind = organisation.Kind, AreaCode = organisation.AreaCode,
                Description = organisation.Description,
                // parents come earlier in the file
                ParentOrganisationId = organisation.ParentKey is null ? null : organisationIds[organisation.ParentKey],
            };
            db.Organisations.Add(row);
            row.Announce(db, organisation.ParentKey is null ? null : CodeOf(organisation.ParentKey), now);
            organisationIds[organisation.Key] = row.Id;
            organisations++;
        }

        var existingProgrammes = await db.Services.Where(s => s.ExternalKey != null).Select(s => s.ExternalKey!).ToListAsync(cancellationToken);
        foreach (var programme in seed.Programmes)
        {
            if (existingProgrammes.Contains(programme.Key)) { unchanged++; continue; }
            var service = new CommunityService
            {
                ExternalKey = programme.Key,
                OrganisationId = organisationIds[programme.OrganisationKey],
                PartnerOrganisationIds = (programme.PartnerKeys ?? []).Select(k => organisationIds[k]).ToList(),
                Name = programme.Name,
                StatutoryProject = programme.StatutoryProject,
                StatutoryClause = programme.StatutoryClause,
                EligibilityDescription = programme.TargetDescription,
                TargetGroups = programme.TargetGroups,
                DeliveryMethod = programme.DeliveryMethod,
                AreaCode = programme.AreaCode,
                Department = programme.Department,
                Description = programme.Description,
                Kinds = programme.Kinds ?? [],
                MinimumAge = programme.MinimumAge,
                ParticipationCapable = programme.ParticipationCapable,
                UpdatedAt = now,
            };
            db.Services.Add(service);
            await ServicePublication.AnnounceAsync(db, service, now, cancellationToken);
            programmes++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("Another import of the sample ran at the same time; run it again to see that nothing is missing.");
        }
        return TypedResults.Ok(new ImportResult(areas, organisations, programmes, unchanged));
    }
}
