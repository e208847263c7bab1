using Jusou.Participation.Matching;
using Jusou.Participation.Opportunities;
using Jusou.Participation.Requests;

namespace Jusou.Rules.Tests.Participation;

/// <summary>Matching a 参加支援 request with opportunities: who is excluded, and the points and reasons of each factor.</summary>
public class MatchScoringTests
{
    private static ParticipationRequest Request() => new()
    {
        TenantCode = "202096", DistrictCode = "takato", WishedKinds = ["work_experience"], Days = ["mon", "thu"], TimeSlots = ["morning"],
        NeededAccommodations = ["step_free"], Age = 42, WantsPaid = true,
    };

    private static Opportunity Opportunity() => new()
    {
        TenantCode = "202096", HostOrganisationCode = "shakyo", Kind = "work_experience", DistrictCode = "takato", Days = ["thu"], TimeSlots = ["morning"],
        Accommodations = ["step_free", "quiet_space"], Capacity = 3, CurrentUse = 1, Paid = true, MinimumAge = 18, MaximumAge = 64,
    };

    private static int Points(ParticipationRequest request, Opportunity opportunity, PastOutcomes? outcomes = null, bool unsuited = false) =>
        MatchScoring.Reasons(request, opportunity, outcomes ?? new PastOutcomes(0, 0), unsuited).Sum(r => r.Points);

    private static MatchReason Factor(ParticipationRequest request, Opportunity opportunity, string factor) =>
        MatchScoring.Reasons(request, opportunity, new PastOutcomes(0, 0), false).Single(r => r.Factor == factor);

    [Fact]
    public void A_place_that_fits_on_every_factor_scores_the_sum_of_the_documented_points()
    {
        var reasons = MatchScoring.Reasons(Request(), Opportunity(), new PastOutcomes(4, 3), previouslyUnsuited: false);
        Assert.Equal(
            ["district_same", "kind_wished", "schedule_fits", "accommodations_met", "paid_wished", "capacity_room", "outcomes_good"],
            reasons.Select(r => r.Code));
        Assert.Equal(MatchScoring.DistrictSame + MatchScoring.KindWished + MatchScoring.ScheduleFits + MatchScoring.AccommodationsMet
                     + MatchScoring.PaidWished + MatchScoring.CapacityRoom + MatchScoring.OutcomesGood, reasons.Sum(r => r.Points));
        Assert.All(reasons, r => Assert.False(string.IsNullOrEmpty(r.Label)));
        Assert.Equal(["thu"], Factor(Request(), Opportunity(), "schedule").Codes);
    }

    [Fact]
    public void Missing_accommodations_cost_points_and_are_named()
    {
        var opportunity = Opportunity();
        opportunity.Accommodations = ["quiet_space"];
        var reason = Factor(Request(), opportunity, "accommodations");
        Assert.Equal(("accommodations_missing", MatchScoring.AccommodationsMissing), (reason.Code, reason.Points));
        Assert.Equal(["step_free"], reason.Codes);
    }

    [Fact]
    public void A_citywide_place_scores_less_than_one_in_the_persons_own_district_and_more_than_another_district()
    {
        var citywide = Opportunity();
        citywide.DistrictCode = null;
        var elsewhere = Opportunity();
        elsewhere.DistrictCode = "ina";
        Assert.True(Points(Request(), Opportunity()) > Points(Request(), citywide));
        Assert.True(Points(Request(), citywide) > Points(Request(), elsewhere));
    }

    [Fact]
    public void Past_outcomes_count_from_two_ended_placements_and_an_earlier_misfit_costs_more()
    {
        Assert.Equal("outcomes_none", Factor(Request(), Opportunity(), "outcomes").Code);
        Assert.Equal(MatchScoring.OutcomesPoor, MatchScoring.Reasons(Request(), Opportunity(), new PastOutcomes(3, 1), false).Single(r => r.Factor == "outcomes").Points);
        Assert.Equal(MatchScoring.PreviouslyUnsuited, Points(Request(), Opportunity(), unsuited: true) - Points(Request(), Opportunity()));
    }

    [Fact]
    public void Full_places_the_persons_own_placement_and_age_conditions_exclude()
    {
        var full = Opportunity();
        full.CurrentUse = 3;
        Assert.Equal("full", MatchScoring.Exclusion(Request(), full, alreadyPlaced: false));
        Assert.Equal("already_placed", MatchScoring.Exclusion(Request(), Opportunity(), alreadyPlaced: true));
        var older = Request();
        older.Age = 70;
        Assert.Equal("age_outside", MatchScoring.Exclusion(older, Opportunity(), alreadyPlaced: false));
        Assert.Null(MatchScoring.Exclusion(Request(), Opportunity(), alreadyPlaced: false));
    }
}
