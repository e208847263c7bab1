using System.Net;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>Matching: ranked, explained with a reason per factor, deterministic, and never proposing a full place.</summary>
[Collection(SystemCollection.Name)]
public sealed class MatchingTests(SystemFixture system)
{
    private static Guid IdOf(JsonNode? candidate) => candidate!["opportunity"]!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task Candidates_are_ranked_by_documented_points_with_reasons_ties_by_id_and_full_or_unsuitable_places_are_not_proposed()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var best = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody());
        var elsewhere = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(district: "ina-centre"));
        var elsewhereToo = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(district: "ina-centre"));
        var poorFit = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(kind: "ibasho", days: ["mon"], slots: ["afternoon"],
            accommodations: [], paid: false, capacity: null));
        var full = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: 1));
        var tooYoung = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(maximumAge: 30));
        // Someone else takes the only place of "full".
        await coordinator.PlacedId(await coordinator.NewRequestId(), full, "trial");

        var requestId = await coordinator.NewRequestId(ParticipationClient.RequestBody(wantsPaid: true, age: 34));
        var result = await coordinator.Matches(requestId);
        var candidates = result["candidates"]!.AsArray();

        var ties = new[] { elsewhere, elsewhereToo }.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();
        Assert.Equal([best, ties[0], ties[1], poorFit], candidates.Select(IdOf));
        Assert.Equal([1, 2, 3, 4], candidates.Select(c => c!["rank"]!.GetValue<int>()));
        Assert.Equal([105, 75, 75, -20], candidates.Select(c => c!["score"]!.GetValue<int>()));
        Assert.DoesNotContain(full, candidates.Select(IdOf));
        Assert.DoesNotContain(tooYoung, candidates.Select(IdOf));

        // One reason per factor, as codes with Japanese labels, adding up to the score.
        var top = candidates[0]!.AsObject();
        var reasons = top["reasons"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(["district_same", "kind_wished", "schedule_fits", "accommodations_met", "paid_wished", "capacity_room", "outcomes_none"],
            reasons.Select(r => r.Text("code")));
        Assert.Equal(["district", "kind", "schedule", "accommodations", "paid", "capacity", "outcomes"], reasons.Select(r => r.Text("factor")));
        Assert.Equal("同じ地区", reasons[0].Text("label"));
        Assert.Equal(top["score"]!.GetValue<int>(), reasons.Sum(r => r["points"]!.GetValue<int>()));
        var weak = candidates[3]!["reasons"]!.AsArray().Select(r => r!.AsObject()).ToList();
        var missing = weak.Single(r => r.Text("factor") == "accommodations");
        Assert.Equal("accommodations_missing", missing.Text("code"));
        Assert.Equal(["short_hours"], missing["codes"].Strings());
        Assert.Contains(weak, r => r.Text("code") == "schedule_no_overlap");
        Assert.Contains(weak, r => r.Text("code") == "kind_not_wished");

        var excluded = result["excluded"]!.AsArray().ToDictionary(e => e!["opportunityId"]!.GetValue<Guid>(), e => e!["code"]!.GetValue<string>());
        Assert.Equal("full", excluded[full]);
        Assert.Equal("age_outside", excluded[tooYoung]);

        // The same data gives the same answer, and ?top limits it.
        Assert.Equal(result.ToJsonString(), (await coordinator.Matches(requestId)).ToJsonString());
        Assert.Equal([best, ties[0]], (await coordinator.Matches(requestId, top: 2))["candidates"]!.AsArray().Select(IdOf));
        Assert.Equal(3, await system.AuditRows(tenant, requestId, "match"));
    }

    [Fact]
    public async Task Past_outcomes_move_a_place_up_or_down_and_a_place_that_did_not_suit_the_person_ranks_lower()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var proven = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: null));
        var struggling = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(capacity: null));
        foreach (var (opportunity, reason) in new[] { (proven, "settled"), (proven, "to_employment"), (struggling, "unsuited"), (struggling, "own_wish") })
        {
            var placement = await coordinator.PlacedId(await coordinator.NewRequestId(), opportunity, "trial");
            await (await coordinator.MovePlacement(placement, "ended", reason)).AssertStatus(HttpStatusCode.OK);
        }

        var requestId = await coordinator.NewRequestId();
        var candidates = (await coordinator.Matches(requestId))["candidates"]!.AsArray();
        Assert.Equal([proven, struggling], candidates.Select(IdOf));
        Assert.Contains(candidates[0]!["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "outcomes_good");
        Assert.Contains(candidates[1]!["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "outcomes_poor");
        Assert.Equal(20, candidates[0]!["score"]!.GetValue<int>() - candidates[1]!["score"]!.GetValue<int>());

        // This person tried the proven place and it did not suit them: it drops below for them (and only for them).
        var tried = await coordinator.PlacedId(requestId, proven, "visit");
        var matchesWhilePlaced = await coordinator.Matches(requestId);
        Assert.Equal("already_placed", matchesWhilePlaced["excluded"]!.AsArray().Single(e => e!["opportunityId"]!.GetValue<Guid>() == proven)!["code"]!.GetValue<string>());
        await (await coordinator.MovePlacement(tried, "ended", "unsuited")).AssertStatus(HttpStatusCode.OK);
        candidates = (await coordinator.Matches(requestId))["candidates"]!.AsArray();
        Assert.Equal([struggling, proven], candidates.Select(IdOf));
        Assert.Contains(candidates[1]!["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "previously_unsuited");
    }

    [Fact]
    public async Task Matching_is_for_coordinators_and_a_bad_top_is_refused()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var requestId = await coordinator.NewRequestId();
        await (await coordinator.GetAsync($"{ParticipationClient.Requests}/{requestId}/matches?top=0")).AssertProblem(HttpStatusCode.BadRequest, "top");
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync($"{ParticipationClient.Requests}/{requestId}/matches"))
            .AssertStatus(HttpStatusCode.Forbidden);
        Assert.Equal(0, await system.AuditRows(tenant, requestId, "match"));
    }
}
