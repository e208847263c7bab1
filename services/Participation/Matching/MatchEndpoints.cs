using Jusou.Participation.Codes;
using Jusou.Participation.Opportunities;

namespace Jusou.Participation.Matching;

public sealed record MatchCandidate(int Rank, int Score, OpportunityResponse Opportunity, IReadOnlyList<MatchReason> Reasons);

public sealed record MatchExclusion(Guid OpportunityId, string Code, string Label);

/// <summary>Ranked candidates for a request (best first) and the open opportunities that were not proposed, with why.</summary>
public sealed record MatchResult(Guid RequestId, IReadOnlyList<MatchCandidate> Candidates, IReadOnlyList<MatchExclusion> Excluded);

public static class MatchEndpoints
{
    public const int DefaultTop = 10, MaxTop = 100;

    public static void MapMatching(this IEndpointRouteBuilder api) =>
        api.MapGet("/requests/{id:guid}/matches", Match).RequireRoles(ParticipationRoles.Writers).WithTags("Matching (マッチング)")
            .WithName("MatchParticipationRequest")
            .WithSummary("Ranked candidate opportunities for a request, each with its score and one reason (code + label + points) per factor: 地区, kind, schedule, accommodations, paid, capacity, past outcomes. Deterministic; ties by opportunity id; full ones are never proposed.");

    private static async Task<Results<Ok<MatchResult>, NotFound, ValidationProblem, ProblemHttpResult>> Match(
        Guid id, ParticipationDbContext db, HttpContext http, int? top, CancellationToken cancellationToken)
    {
        var size = top ?? DefaultTop;
        if (size is < 1 or > MaxTop)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["top"] = [$"top is between 1 and {MaxTop}."] });
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null) return TypedResults.NotFound();
        if (request.Status == ParticipationCodes.RequestStatus.Closed) return Problems.Conflict("The request is closed (終了); reopen it to look for a place.");

        // A municipality has tens to a few hundred places: scoring them in memory keeps every rule in one readable place.
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.ListedInDirectory && o.Accepting)
            .OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var outcomes = await db.Placements.AsNoTracking().Where(p => p.Stage == ParticipationCodes.Stage.Ended)
            .GroupBy(p => p.OpportunityId)
            .Select(g => new { OpportunityId = g.Key, Ended = g.Count(), Successful = g.Count(p => p.EndReason == "settled" || p.EndReason == "to_employment") })
            .ToDictionaryAsync(g => g.OpportunityId, g => new PastOutcomes(g.Ended, g.Successful), cancellationToken);
        var own = await db.Placements.AsNoTracking().Where(p => p.RequestId == id)
            .Select(p => new { p.OpportunityId, p.Stage, p.EndReason }).ToListAsync(cancellationToken);
        var placedAt = own.Where(p => p.Stage != ParticipationCodes.Stage.Ended).Select(p => p.OpportunityId).ToHashSet();
        var unsuitedAt = own.Where(p => p.EndReason == "unsuited").Select(p => p.OpportunityId).ToHashSet();

        var excluded = new List<MatchExclusion>();
        var scored = new List<(Opportunity Opportunity, int Score, List<MatchReason> Reasons)>();
        foreach (var opportunity in opportunities)
        {
            if (MatchScoring.Exclusion(request, opportunity, placedAt.Contains(opportunity.Id)) is { } exclusion)
            {
                excluded.Add(new MatchExclusion(opportunity.Id, exclusion, ParticipationCodes.Exclusions[exclusion]));
                continue;
            }
            var reasons = MatchScoring.Reasons(request, opportunity, outcomes.GetValueOrDefault(opportunity.Id, new PastOutcomes(0, 0)),
                unsuitedAt.Contains(opportunity.Id));
            scored.Add((opportunity, reasons.Sum(r => r.Points), reasons));
        }
        var candidates = scored
            .OrderByDescending(c => c.Score).ThenBy(c => c.Opportunity.Id)
            .Take(size)
            .Select((c, index) => new MatchCandidate(index + 1, c.Score, OpportunityResponse.From(c.Opportunity), c.Reasons))
            .ToList();

        db.AuditEntries.Add(AuditEntry.For(http, "match", "participation_request", id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MatchResult(id, candidates, excluded));
    }
}
