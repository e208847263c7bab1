using Jusou.Contracts.Codes;

namespace Jusou.CommunityResources.Reports;

/// <summary>
/// 実施計画の事業目標: the municipality's target for each indicator of the 実績報告 (AnnualIndicatorCodes) in one fiscal
/// year. Kept here, with the rest of what the 実施計画 says (the programme table, 拠点 and 協働リスト); the gateway reads
/// them when it gathers the 実績報告, to set each count against its target.
/// </summary>
[NoPersonalData("実施計画の数値目標 (集計値)")]
public sealed class PlanTargetYear : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public int FiscalYear { get; init; }
    public List<PlanTarget> Targets { get; set; } = [];
    public string UpdatedBy { get; set; } = "";
    public uint Version { get; private set; }

    /// <summary>The year's targets become exactly <paramref name="targets"/>: changed in place, the others removed.</summary>
    public void Set(IReadOnlyDictionary<string, long> targets)
    {
        Targets.RemoveAll(t => !targets.ContainsKey(t.IndicatorCode));
        foreach (var (code, value) in targets)
        {
            if (Targets.Find(t => t.IndicatorCode == code) is { } target) target.Target = value;
            else Targets.Add(new PlanTarget { PlanTargetYearId = Id, IndicatorCode = code, Target = value });
        }
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlanTargetYear>(year =>
        {
            year.Property(y => y.Version).IsRowVersion();
            year.HasIndex(y => new { y.TenantCode, y.FiscalYear }).IsUnique();
            year.HasMany(y => y.Targets).WithOne().HasForeignKey(t => t.PlanTargetYearId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PlanTarget>(target =>
        {
            target.ToTable("plan_target_values");
            target.HasKey(t => new { t.PlanTargetYearId, t.IndicatorCode });
            target.Property(t => t.IndicatorCode).HasMaxLength(60);
        });
    }
}

/// <summary>One indicator's target.</summary>
public sealed class PlanTarget
{
    public Guid PlanTargetYearId { get; init; }
    public string IndicatorCode { get; init; } = "";
    public long Target { get; set; }
}

public sealed record PlanTargetsRequest(IReadOnlyDictionary<string, long>? Targets);

public sealed record PlanTargetsResponse(int FiscalYear, IReadOnlyDictionary<string, long> Targets);

public static class PlanTargetEndpoints
{
    public static void MapPlanTargets(this IEndpointRouteBuilder api)
    {
        var targets = api.MapGroup("/plan-targets/{fiscalYear:int}").WithTags("Reports (実施計画の指標)");
        targets.MapGet("/", Get).RequireRoles(JusouRoles.Manager, JusouRoles.CommunityStaff, JusouRoles.Coordinator)
            .WithName("GetPlanTargets").WithSummary("実施計画の事業目標 of a fiscal year: a target per 実績報告 indicator (ETag = version; none set is an empty set).");
        targets.MapPut("/", Put).RequireRoles(JusouRoles.Manager)
            .WithName("SetPlanTargets").WithSummary("Set a fiscal year's targets (every indicator code of GET /codes annualIndicators; all at once). " +
                "The first setting needs no If-Match; a change needs If-Match with the ETag.");
    }

    private static async Task<Ok<PlanTargetsResponse>> Get(int fiscalYear, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var year = await db.PlanTargets.AsNoTracking().Include(y => y.Targets).FirstOrDefaultAsync(y => y.FiscalYear == fiscalYear, cancellationToken);
        if (year is not null) ETags.Set(http, year.Version);
        return TypedResults.Ok(Response(fiscalYear, year));
    }

    private static async Task<Results<Ok<PlanTargetsResponse>, ValidationProblem, ProblemHttpResult>> Put(int fiscalYear, PlanTargetsRequest request,
        CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("targets", request.Targets);
        if (fiscalYear is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear must be between 2000 and 2100.");
        foreach (var (code, target) in request.Targets ?? new Dictionary<string, long>())
        {
            validation.OneOf($"targets.{code}", code, AnnualIndicatorCodes.Labels);
            if (target is < 0 or > 100_000_000) validation.Add($"targets.{code}", "A target is between 0 and 100,000,000.");
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var year = await db.PlanTargets.Include(y => y.Targets).FirstOrDefaultAsync(y => y.FiscalYear == fiscalYear, cancellationToken);
        if (year is null)
        {
            year = new PlanTargetYear { FiscalYear = fiscalYear };
            db.PlanTargets.Add(year);
        }
        else
        {
            if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
            if (!db.IsAtVersion(year, version)) return ETags.Stale();
        }
        year.Set(request.Targets!);
        year.UpdatedBy = http.User.SubjectId();
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, year.Version);
        return TypedResults.Ok(Response(fiscalYear, year));
    }

    private static PlanTargetsResponse Response(int fiscalYear, PlanTargetYear? year) =>
        new(fiscalYear, (year?.Targets ?? []).OrderBy(t => t.IndicatorCode, StringComparer.Ordinal).ToDictionary(t => t.IndicatorCode, t => t.Target));
}
