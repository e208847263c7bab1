using Jusou.MultiAgency.Plans;
using Jusou.MultiAgency.Cases;
using Jusou.ServiceKit.Scans;

namespace Jusou.MultiAgency.Watch;

/// <summary>Which rules to run now (codes of <see cref="WatchCodes.Rules"/>); a caller names them, so a scan is never an accident.</summary>
public sealed record WatchScanRequest(IReadOnlyList<string>? Rules)
{
    public Validation Validate()
    {
        var validation = new Validation();
        if (Rules is not { Count: > 0 and <= 10 }) validation.Add("rules", "Name the rules to run, e.g. [\"support_ending\", \"no_contact\"].");
        else foreach (var rule in Rules) validation.OneOf("rules", rule, WatchCodes.Rules);
        return validation;
    }
}

/// <summary>How many new alerts one scan of a tenant raised, per rule.</summary>
public sealed record WatchScanResult(int AgeThreshold, int SupportEnding, int NoContact, int PlanReviewOverdue, int ActionUnanswered = 0,
    int ReferralUnanswered = 0)
{
    public int Total => AgeThreshold + SupportEnding + NoContact + PlanReviewOverdue + ActionUnanswered + ReferralUnanswered;
}

/// <summary>
/// The rules of the 制度切れ watch evaluated here, over one tenant's open cases: ages Intake announced (applied to cases
/// opened since), supports in place ending within the window, no activity for N days, plan reviews overdue, and hand-offs
/// (plan actions, Intake referrals of the case's person) unanswered for unansweredDays. Every
/// alert is raised at most once per occurrence, so scanning again — or twice at once — raises nothing new.
/// </summary>
public static class WatchScan
{
    /// <summary>Runs the named rules (every rule when <paramref name="rules"/> is null) over the tenant's open cases.</summary>
    public static async Task<WatchScanResult> RunAsync(MultiAgencyDbContext db, DateTimeOffset now, IReadOnlyCollection<string>? rules,
        CancellationToken cancellationToken)
    {
        bool Runs(string rule) => rules is null || rules.Contains(rule);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = await WatchRules.ForTenantAsync(db, tracking: false, cancellationToken);
        var today = JapanDate.Of(now);
        var openCases = db.SupportCases.Where(c => c.Status != SupportCaseCodes.Closed);

        var ages = 0;
        var milestones = !Runs(WatchCodes.AgeThreshold) ? [] : await db.PersonAgeMilestones.AsNoTracking()
            .Where(m => m.ReachesOn >= today)
            .Join(openCases, m => m.PersonId, c => c.PersonId, (m, c) => new { CaseId = c.Id, m.Threshold, m.ReachesOn })
            .ToListAsync(cancellationToken);
        foreach (var m in milestones)
        {
            if (await WatchAlert.RaiseAsync(db, m.CaseId, WatchCodes.AgeThreshold, PersonAgeMilestone.KeyFor(m.Threshold, m.ReachesOn),
                    m.ReachesOn, now, cancellationToken) is not null) ages++;
        }

        var endings = 0;
        var (firstEndDay, lastEndDay) = settings.SupportEndingWindow(today);
        var ending = !Runs(WatchCodes.SupportEnding) ? [] : await db.CaseSupports.AsNoTracking()
            .Where(s => s.EndsOn != null && s.EndsOn >= firstEndDay && s.EndsOn <= lastEndDay && openCases.Any(c => c.Id == s.CaseId))
            .Select(s => new { s.Id, s.CaseId, EndsOn = s.EndsOn!.Value })
            .ToListAsync(cancellationToken);
        foreach (var s in ending)
        {
            // A new end date is a new occurrence: the alert for the old date does not silence it.
            if (await WatchAlert.RaiseAsync(db, s.CaseId, WatchCodes.SupportEnding, WatchRules.OccurrenceKey.SupportEnding(s.Id, s.EndsOn), s.EndsOn, now,
                    cancellationToken) is not null) endings++;
        }

        var silent = 0;
        var quietSince = settings.QuietSince(now);
        // A case's last activity is the newest line of its timeline (every opening, change and report adds one).
        // A suspended case (中断: in hospital, paused at the person's request …) is known to be quiet: no alert for it.
        var quiet = !Runs(WatchCodes.NoContact) ? [] : await openCases.Where(c => c.Status != Cases.SupportCaseCodes.Suspended).AsNoTracking()
            .Select(c => new { c.Id, LastActivityAt = db.CaseTimeline.Where(e => e.CaseId == c.Id).Max(e => (DateTimeOffset?)e.At) ?? c.OpenedAt })
            .Where(c => c.LastActivityAt < quietSince)
            .ToListAsync(cancellationToken);
        foreach (var c in quiet)
        {
            // Keyed by the last activity: one alert per silence; activity followed by a new silence raises a new one.
            if (await WatchAlert.RaiseAsync(db, c.Id, WatchCodes.NoContact, WatchRules.OccurrenceKey.NoContact(c.LastActivityAt),
                    settings.NoContactDueOn(c.LastActivityAt), now,
                    cancellationToken) is not null) silent++;
        }

        var reviews = 0;
        var overdue = Runs(WatchCodes.PlanReviewOverdue) ? await PlanReviewsOverdueAsync(db, today, cancellationToken) : [];
        foreach (var review in overdue)
        {
            if (await WatchAlert.RaiseAsync(db, review.CaseId, WatchCodes.PlanReviewOverdue, WatchRules.OccurrenceKey.PlanReviewOverdue(review.PlanId, review.ReviewOn),
                    review.ReviewOn, now, cancellationToken) is not null) reviews++;
        }

        // Hand-offs nobody answered: a plan action still sent, an Intake referral still requested, unansweredDays after sending.
        var answerDue = settings.AnswerDue(now);
        var unansweredActions = 0;
        var actions = !Runs(WatchCodes.ActionUnanswered) ? [] : await db.ActionTasks.AsNoTracking()
            .Where(t => t.Status == HandOffs.HandOffCodes.Sent && t.SentAt <= answerDue && openCases.Any(c => c.Id == t.CaseId))
            .Select(t => new { t.CaseId, t.ActionId, t.SentAt })
            .ToListAsync(cancellationToken);
        foreach (var t in actions)
        {
            // Keyed by the sending: one alert per hand-off; an action handed again (reassigned) is a new occurrence.
            if (await WatchAlert.RaiseAsync(db, t.CaseId, WatchCodes.ActionUnanswered, WatchRules.OccurrenceKey.ActionUnanswered(t.ActionId, t.SentAt),
                    settings.AnswerDueOn(t.SentAt), now, cancellationToken) is not null) unansweredActions++;
        }

        var unansweredReferrals = 0;
        var referrals = !Runs(WatchCodes.ReferralUnanswered) ? [] : await db.AgencyReferrals.AsNoTracking()
            .Where(r => r.Status == HandOffs.AgencyReferral.Requested && r.SentAt <= answerDue)
            .SelectMany(r => openCases.Where(c => (r.PersonId != null && c.PersonId == r.PersonId) || c.ConsultationId == r.ConsultationId),
                (r, c) => new { CaseId = c.Id, ReferralId = r.Id, SentAt = r.SentAt!.Value })
            .ToListAsync(cancellationToken);
        foreach (var r in referrals)
        {
            if (await WatchAlert.RaiseAsync(db, r.CaseId, WatchCodes.ReferralUnanswered, WatchRules.OccurrenceKey.ReferralUnanswered(r.ReferralId),
                    settings.AnswerDueOn(r.SentAt), now, cancellationToken) is not null) unansweredReferrals++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WatchScanResult(ages, endings, silent, reviews, unansweredActions, unansweredReferrals);
    }

    /// <summary>A plan of an open case whose review day (見直し予定日) has passed without a review.</summary>
    public sealed record OverdueReview(Guid CaseId, Guid PlanId, DateOnly ReviewOn);

    /// <summary>
    /// The current approved plan of each open case whose review day (見直し予定日) is before <paramref name="today"/> and
    /// that has not been evaluated since. A plan replaced by a new version is no longer current.
    /// </summary>
    private static async Task<IReadOnlyList<OverdueReview>> PlanReviewsOverdueAsync(MultiAgencyDbContext db, DateOnly today,
        CancellationToken cancellationToken) =>
        await db.SupportPlans
            .Where(p => p.Status == PlanCodes.Approved && p.ReviewOn < today && p.EvaluatedOn == null)
            .Where(p => db.SupportCases.Any(c => c.Id == p.CaseId && c.Status != SupportCaseCodes.Closed))
            .Select(p => new OverdueReview(p.CaseId, p.Id, p.ReviewOn!.Value))
            .ToListAsync(cancellationToken);

    public static void MapWatchScan(this IEndpointRouteBuilder api) =>
        api.MapPost("/watch/scan", Scan)
            .RequireRoles(JusouRoles.Coordinator, JusouRoles.Manager, JusouRoles.Ops)
            .WithTags("制度切れ watch")
            .WithName("RunWatchScan")
            .WithSummary("Run the named rules of the 制度切れ watch over the tenant's open cases now; answers how many new alerts each rule raised. Safe to repeat: an occurrence is raised once.");

    private static async Task<Results<Ok<WatchScanResult>, ValidationProblem>> Scan(
        WatchScanRequest request, MultiAgencyDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        return TypedResults.Ok(await RunAsync(db, clock.GetUtcNow(), request.Rules!.ToHashSet(), cancellationToken));
    }
}

/// <summary>
/// The periodic 制度切れ scan (Watch:ScanInterval, default hourly) over every tenant with open cases: the named rules
/// over each tenant's cases, as <see cref="WatchScan.RunAsync"/> runs them on request.
/// </summary>
public sealed class WatchScanService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<WatchScanService> logger)
    : TenantScan<MultiAgencyDbContext>(scopes, configuration, logger, clock)
{
    protected override string Section => "Watch";

    protected override string Name => "制度切れ watch";

    protected override Task<List<string>> TenantsAsync(MultiAgencyDbContext db, CancellationToken cancellationToken) =>
        db.SupportCases.IgnoreQueryFilters().Where(c => c.Status != SupportCaseCodes.Closed)
            .Select(c => c.TenantCode).Distinct().ToListAsync(cancellationToken);

    protected override async Task<int> ScanAsync(MultiAgencyDbContext db, CancellationToken cancellationToken) =>
        (await WatchScan.RunAsync(db, Clock.GetUtcNow(), rules: null, cancellationToken)).Total;
}
