using Jusou.Participation.Codes;
using Jusou.Participation.Opportunities;
using Jusou.Participation.Requests;

namespace Jusou.Participation.Matching;

/// <summary>One factor's contribution to a candidate's score, with its reason as a code and a Japanese label.</summary>
/// <param name="Codes">The codes the reason is about (e.g. the accommodations that are missing), when any.</param>
public sealed record MatchReason(string Factor, string Code, string Label, int Points, IReadOnlyList<string>? Codes = null);

/// <summary>What an opportunity's past placements say: how many ended, and how many of those in 定着 or 就労へ移行.</summary>
public sealed record PastOutcomes(int Ended, int Successful);

/// <summary>
/// Matching, deterministic and explainable: every open opportunity that is not excluded gets one reason per factor,
/// each worth a fixed number of points; candidates rank by total score, ties broken by opportunity id (ascending),
/// so the same data always gives the same list. The points (documented here and returned with every reason):
/// <list type="bullet">
/// <item>地区 (distance): same 地区 +30; an opportunity open to the whole city +15; another 地区 or the person's 地区 unknown 0.</item>
/// <item>kind: one the person wished for +25; the person named none 0; not among the wishes −10.</item>
/// <item>schedule: a shared day and time slot +20; a shared day, slots not both known +10; no shared day or slot −15; days not known 0.</item>
/// <item>accommodations (accessibility, support): everything the person needs is offered +15; anything missing −20 (the reason lists what); nothing needed 0.</item>
/// <item>paid: wants paid work and it is paid +10; wants paid work and it is unpaid −10; no preference 0.</item>
/// <item>capacity: room for more than one, or no fixed limit, +5; the last place 0.</item>
/// <item>past outcomes (at least 2 ended placements): half or more ended in 定着 or 就労へ移行 +10, fewer −10; otherwise 0.
/// The same person's earlier placement there ended as 不適合: a further −30.</item>
/// </list>
/// Not proposed at all (returned as exclusions): full opportunities, age conditions the person does not meet, and
/// places where the person already has a placement under way. Closed opportunities are not considered.
/// </summary>
public static class MatchScoring
{
    public const int DistrictSame = 30, DistrictCitywide = 15;
    public const int KindWished = 25, KindNotWished = -10;
    public const int ScheduleFits = 20, ScheduleDayOnly = 10, ScheduleNoOverlap = -15;
    public const int AccommodationsMet = 15, AccommodationsMissing = -20;
    public const int PaidWished = 10, UnpaidButPaidWished = -10;
    public const int CapacityRoom = 5;
    public const int OutcomesGood = 10, OutcomesPoor = -10, PreviouslyUnsuited = -30;
    public const int MinimumEndedForOutcomes = 2;

    /// <summary>Why <paramref name="opportunity"/> is not proposed for <paramref name="request"/>, or null when it may be.</summary>
    public static string? Exclusion(ParticipationRequest request, Opportunity opportunity, bool alreadyPlaced)
    {
        if (opportunity.IsFull) return "full";
        if (alreadyPlaced) return "already_placed";
        if (request.Age is { } age && (age < opportunity.MinimumAge || age > opportunity.MaximumAge)) return "age_outside";
        return null;
    }

    public static List<MatchReason> Reasons(ParticipationRequest request, Opportunity opportunity, PastOutcomes outcomes, bool previouslyUnsuited)
    {
        var reasons = new List<MatchReason>
        {
            request.DistrictCode is null ? Reason("district", "district_unknown", 0)
                : opportunity.DistrictCode == request.DistrictCode ? Reason("district", "district_same", DistrictSame)
                : opportunity.DistrictCode is null ? Reason("district", "district_citywide", DistrictCitywide)
                : Reason("district", "district_other", 0),

            request.WishedKinds.Count == 0 ? Reason("kind", "kind_any", 0)
                : request.WishedKinds.Contains(opportunity.Kind) ? Reason("kind", "kind_wished", KindWished)
                : Reason("kind", "kind_not_wished", KindNotWished),

            Schedule(request, opportunity),
            Accommodations(request, opportunity),

            request.WantsPaid is not true ? Reason("paid", "paid_no_preference", 0)
                : opportunity.Paid ? Reason("paid", "paid_wished", PaidWished)
                : Reason("paid", "unpaid_but_paid_wished", UnpaidButPaidWished),

            opportunity.RemainingPlaces is null or > 1 ? Reason("capacity", "capacity_room", CapacityRoom)
                : Reason("capacity", "capacity_last_place", 0),

            outcomes.Ended < MinimumEndedForOutcomes ? Reason("outcomes", "outcomes_none", 0)
                : outcomes.Successful * 2 >= outcomes.Ended ? Reason("outcomes", "outcomes_good", OutcomesGood)
                : Reason("outcomes", "outcomes_poor", OutcomesPoor),
        };
        if (previouslyUnsuited) reasons.Add(Reason("outcomes", "previously_unsuited", PreviouslyUnsuited));
        return reasons;
    }

    private static MatchReason Schedule(ParticipationRequest request, Opportunity opportunity)
    {
        if (request.Days.Count == 0 || opportunity.Days.Count == 0) return Reason("schedule", "schedule_unknown", 0);
        var sharedDays = request.Days.Intersect(opportunity.Days).ToList();
        if (sharedDays.Count == 0) return Reason("schedule", "schedule_no_overlap", ScheduleNoOverlap);
        if (request.TimeSlots.Count == 0 || opportunity.TimeSlots.Count == 0) return Reason("schedule", "schedule_day_only", ScheduleDayOnly, sharedDays);
        return request.TimeSlots.Intersect(opportunity.TimeSlots).Any()
            ? Reason("schedule", "schedule_fits", ScheduleFits, sharedDays)
            : Reason("schedule", "schedule_no_overlap", ScheduleNoOverlap);
    }

    private static MatchReason Accommodations(ParticipationRequest request, Opportunity opportunity)
    {
        if (request.NeededAccommodations.Count == 0) return Reason("accommodations", "accommodations_none_needed", 0);
        var missing = request.NeededAccommodations.Except(opportunity.Accommodations).ToList();
        return missing.Count == 0
            ? Reason("accommodations", "accommodations_met", AccommodationsMet, request.NeededAccommodations)
            : Reason("accommodations", "accommodations_missing", AccommodationsMissing, missing);
    }

    private static MatchReason Reason(string factor, string code, int points, IReadOnlyList<string>? codes = null) =>
        new(factor, code, ParticipationCodes.MatchReasons[code], points, codes);
}
