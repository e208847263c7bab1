using Jusou.Contracts.MultiAgency;

namespace Jusou.MultiAgency.Watch;

/// <summary>
/// A tenant's rules of the 制度切れ watch. One row per tenant, created on the first save; until then the defaults
/// apply. The age rules are evaluated by Intake (which alone holds birth dates), the others here.
/// </summary>
[NoPersonalData("見守りルールの日数・年齢の設定のみ")]
public sealed class WatchRules : ITenantOwned
{
    public static readonly IReadOnlyList<int> DefaultAgeThresholds = [18, 40, 65];
    public const int DefaultAgeWindowDays = 90;
    public const int DefaultNoContactDays = 60;
    public const int DefaultSupportEndingWindowDays = 30;
    public const int DefaultUnansweredDays = 14;

    public string TenantCode { get; set; } = "";
    /// <summary>Ages whose reaching changes the person's system: 18 (児童→成人), 40 (介護保険 第2号), 65 (障害→介護保険).</summary>
    public List<int> AgeThresholds { get; set; } = [.. DefaultAgeThresholds];
    /// <summary>How many days before an age is reached the alert is raised.</summary>
    public int AgeWindowDays { get; set; } = DefaultAgeWindowDays;
    /// <summary>An open case with no activity for this many days raises an alert.</summary>
    public int NoContactDays { get; set; } = DefaultNoContactDays;
    /// <summary>How many days before a support in place ends the alert is raised.</summary>
    public int SupportEndingWindowDays { get; set; } = DefaultSupportEndingWindowDays;
    /// <summary>A plan action or an Intake referral handed to an organisation and not answered after this many days raises an alert.</summary>
    public int UnansweredDays { get; set; } = DefaultUnansweredDays;
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    /// <summary>0 while the defaults apply (no row yet): the ETag a first save sends back.</summary>
    public uint Version { get; private set; }

    /// <summary>The days whose support endings are announced now: from today to the end of the window, both included.</summary>
    public (DateOnly From, DateOnly To) SupportEndingWindow(DateOnly today) => (today, today.AddDays(SupportEndingWindowDays));

    /// <summary>A case whose last activity is before this has been quiet too long.</summary>
    public DateTimeOffset QuietSince(DateTimeOffset now) => now.AddDays(-NoContactDays);

    /// <summary>The day (in Japan) a case last active at <paramref name="lastActivityAt"/> became too quiet.</summary>
    public DateOnly NoContactDueOn(DateTimeOffset lastActivityAt) => JapanDate.Of(lastActivityAt.AddDays(NoContactDays));

    /// <summary>A hand-off sent before this and still unanswered is overdue.</summary>
    public DateTimeOffset AnswerDue(DateTimeOffset now) => now.AddDays(-UnansweredDays);

    /// <summary>The day (in Japan) a hand-off sent at <paramref name="sentAt"/> is overdue from.</summary>
    public DateOnly AnswerDueOn(DateTimeOffset sentAt) => JapanDate.Of(sentAt.AddDays(UnansweredDays));

    /// <summary>
    /// What makes two alerts of one rule the same occurrence (raised once) or two (raised again): a support's end date, a
    /// silence since a given last activity, a plan's review day, one sending of an action, one referral.
    /// </summary>
    public static class OccurrenceKey
    {
        public static string SupportEnding(Guid supportId, DateOnly endsOn) => $"{supportId:N}:{endsOn:yyyy-MM-dd}";
        public static string NoContact(DateTimeOffset lastActivityAt) => $"since:{lastActivityAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}";
        public static string PlanReviewOverdue(Guid planId, DateOnly reviewOn) => $"{planId:N}:{reviewOn:yyyy-MM-dd}";
        public static string ActionUnanswered(Guid actionId, DateTimeOffset sentAt) => $"{actionId:N}:{sentAt.UtcDateTime:yyyyMMddTHHmmssffffff}";
        public static string ReferralUnanswered(Guid referralId) => $"{referralId:N}";
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<WatchRules>(rules =>
    {
        rules.ToTable("watch_rules");
        rules.HasKey(r => r.TenantCode);
        rules.Property(r => r.Version).IsRowVersion();
    });

    /// <summary>The tenant's rules, or the defaults when none were saved.</summary>
    public static async Task<WatchRules> ForTenantAsync(MultiAgencyDbContext db, bool tracking, CancellationToken cancellationToken)
    {
        var query = tracking ? db.WatchRules : db.WatchRules.AsNoTracking();
        return await query.FirstOrDefaultAsync(cancellationToken) ?? new WatchRules { TenantCode = db.Tenant.Required };
    }
}

/// <param name="UnansweredDays">Days after which an unanswered hand-off (plan action, Intake referral) raises an alert; omitted keeps the current value.</param>
public sealed record WatchRulesRequest(
    IReadOnlyList<int>? AgeThresholds, int? AgeWindowDays, int? NoContactDays, int? SupportEndingWindowDays, int? UnansweredDays = null)
{
    public Validation Validate()
    {
        var validation = new Validation()
            .Require("ageThresholds", AgeThresholds)
            .Require("ageWindowDays", AgeWindowDays)
            .Require("noContactDays", NoContactDays)
            .Require("supportEndingWindowDays", SupportEndingWindowDays);
        if (AgeThresholds is { } ages)
        {
            if (ages.Count > 10) validation.Add("ageThresholds", "Watch at most 10 ages.");
            if (ages.Any(a => a is < 1 or > 120)) validation.Add("ageThresholds", "Ages are between 1 and 120.");
            if (ages.Distinct().Count() != ages.Count) validation.Add("ageThresholds", "Each age once.");
        }
        if (AgeWindowDays is < 1 or > 730) validation.Add("ageWindowDays", "ageWindowDays is between 1 and 730.");
        if (NoContactDays is < 1 or > 3650) validation.Add("noContactDays", "noContactDays is between 1 and 3650.");
        if (SupportEndingWindowDays is < 1 or > 730) validation.Add("supportEndingWindowDays", "supportEndingWindowDays is between 1 and 730.");
        if (UnansweredDays is < 1 or > 365) validation.Add("unansweredDays", "unansweredDays is between 1 and 365.");
        return validation;
    }
}

/// <param name="Saved">false while the tenant uses the defaults.</param>
public sealed record WatchRulesResponse(
    IReadOnlyList<int> AgeThresholds, int AgeWindowDays, int NoContactDays, int SupportEndingWindowDays,
    bool Saved, DateTimeOffset? UpdatedAt, string? UpdatedBy, int UnansweredDays)
{
    public static WatchRulesResponse From(WatchRules r) =>
        new(r.AgeThresholds, r.AgeWindowDays, r.NoContactDays, r.SupportEndingWindowDays, r.UpdatedAt is not null, r.UpdatedAt, r.UpdatedBy,
            r.UnansweredDays);
}

public static class WatchRulesEndpoints
{
    public static void MapWatchRules(this IEndpointRouteBuilder api)
    {
        var rules = api.MapGroup("/watch/rules").WithTags("制度切れ watch").RequireRoles(JusouRoles.Coordinator, JusouRoles.Manager);
        rules.MapGet("/", Get).WithName("GetWatchRules")
            .WithSummary("The tenant's 制度切れ watch rules (defaults until saved: ages 18/40/65 within 90 days, no contact 60 days, supports ending within 30 days, hand-offs unanswered after 14 days). ETag = version; \"0\" while the defaults apply.");
        rules.MapPut("/", Put).RequiresIfMatch().WithName("PutWatchRules")
            .WithSummary("Replace the tenant's watch rules (If-Match: the ETag read). Announces the age rules to Intake (AgeWatchRulesChanged).");
    }

    private static async Task<Ok<WatchRulesResponse>> Get(MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var rules = await WatchRules.ForTenantAsync(db, tracking: false, cancellationToken);
        ETags.Set(http, rules.Version);
        return TypedResults.Ok(WatchRulesResponse.From(rules));
    }

    private static async Task<Results<Ok<WatchRulesResponse>, ValidationProblem, ProblemHttpResult>> Put(
        WatchRulesRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var rules = await WatchRules.ForTenantAsync(db, tracking: true, cancellationToken);
        var isNew = rules.UpdatedAt is null;
        if (!version.Matches(rules.Version)) return ETags.Stale();
        if (isNew) db.WatchRules.Add(rules);
        else db.IsAtVersion(rules, version); // pins the version checked above: a concurrent save is then refused

        var now = clock.GetUtcNow();
        rules.AgeThresholds = request.AgeThresholds!.Order().ToList();
        rules.AgeWindowDays = request.AgeWindowDays!.Value;
        rules.NoContactDays = request.NoContactDays!.Value;
        rules.SupportEndingWindowDays = request.SupportEndingWindowDays!.Value;
        rules.UnansweredDays = request.UnansweredDays ?? rules.UnansweredDays;
        rules.UpdatedAt = now;
        rules.UpdatedBy = http.User.SubjectId();
        // Every save is announced, even an unchanged one: Intake re-evaluates at once, and its notices keep that harmless.
        db.Publish(new AgeWatchRulesChanged(Guid.CreateVersion7(), now, db.Tenant.Required, rules.AgeThresholds, rules.AgeWindowDays));
        try
        {
            if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        }
        catch (DbUpdateException) when (isNew)
        {
            return ETags.Stale(); // another first save won the race
        }
        ETags.Set(http, rules.Version);
        return TypedResults.Ok(WatchRulesResponse.From(rules));
    }
}
