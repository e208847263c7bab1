using System.Net;
using System.Net.Http.Json;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>The case list's filters the console's ケース screen offers: track, 地区 and an organisation involved.</summary>
[Collection(SystemCollection.Name)]
public sealed class CaseListFilterTests(SystemFixture system)
{
    [Fact]
    public async Task Cases_are_found_by_track_district_and_an_organisation_with_a_live_involvement()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var inNorth = (await coordinator.OpenCase(districtCode: "north")).Id();
        var inSouth = (await coordinator.OpenCase(districtCode: "south")).Id();
        var involvements = $"{CaseClient.Cases}/{inSouth}/involvements";
        var shakyo = await (await coordinator.PostAsJsonAsync(involvements, new { organisationCode = "tono-shakyo", role = "collaborating" }))
            .Expect(HttpStatusCode.Created);
        await (await coordinator.PostAsJsonAsync(involvements, new { organisationCode = "tono-school", role = "information" })).Expect(HttpStatusCode.Created);
        await (await coordinator.PostAsJsonAsync($"{involvements}/{shakyo.Id()}/end", new { reason = "handed_over" })).Expect(HttpStatusCode.OK);
        await (await coordinator.PostAsJsonAsync($"{CaseClient.Cases}/{inNorth}/involvements", new { organisationCode = "tono-shakyo", role = "lead" }))
            .Expect(HttpStatusCode.Created);

        async Task<IReadOnlyList<Guid>> Found(string query) =>
            (await (await coordinator.GetAsync($"{CaseClient.Cases}?{query}")).Expect(HttpStatusCode.OK)).Items("items").Select(c => c.Id()).ToList();

        Assert.Equal([inNorth], await Found("district=north"));
        Assert.Equal([inSouth], await Found("organisationCode=tono-school"));
        // An involvement that ended no longer counts.
        Assert.Equal([inNorth], await Found("organisationCode=tono-shakyo"));
        Assert.Equal([inNorth, inSouth], await Found("track=support_meeting"));
        Assert.Empty(await Found("track=consented"));
        Assert.Empty(await Found("track=support_meeting&district=elsewhere"));
        await (await coordinator.GetAsync($"{CaseClient.Cases}?track=unknown")).AssertProblem(HttpStatusCode.BadRequest, "track");
    }
}
