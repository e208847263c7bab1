using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Participation;

/// <summary>The host organisations' view (協力事業所), the report with 協力事業者数, and the code tables.</summary>
[Collection(SystemCollection.Name)]
public sealed class HostAndReportTests(SystemFixture system)
{
    private static DateOnly Today => ParticipationClient.TodayInJapan;

    [Fact]
    public async Task A_host_sees_its_own_places_and_participants_with_only_what_it_needs_to_know()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var farm = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "yamamoto-house", capacity: 2));
        await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "other-host"));
        var requestId = await coordinator.NewRequestId(ParticipationClient.RequestBody(needs: ["short_hours", "quiet_space"]));
        var placement = await coordinator.PlacedId(requestId, farm, "trial");

        var host = system.Agency(tenant, "yamamoto-house");
        var view = await host.Read("/api/participation/hosts/yamamoto-house");
        Assert.Equal(1, view["participantsNow"]!.GetValue<int>());
        var place = Assert.Single(view["opportunities"]!.AsArray())!.AsObject();
        Assert.Equal(farm, place.Id());
        Assert.Equal(1, place["currentUse"]!.GetValue<int>());
        Assert.Equal(1, place["remainingPlaces"]!.GetValue<int>());

        var participants = await host.Read("/api/participation/hosts/yamamoto-house/participants");
        var participant = Assert.Single(participants.Items());
        Assert.Equal(placement, participant.Id("placementId"));
        Assert.Equal("trial", participant.Text("stage"));
        Assert.Equal(["quiet_space", "short_hours"], participant["neededAccommodations"].Strings()); // in the code table's order
        Assert.Equal("初回は支援員が同行", participant.Text("hostNote"));
        foreach (var secret in new[] { "wishes", "constraints", "requestId", "personId", "supportCaseId", "age" })
        {
            Assert.False(participant.ContainsKey(secret), $"the host view must not carry {secret}");
        }
        Assert.DoesNotContain("通院", participants.ToJsonString());
        Assert.Equal(1, await system.AuditRows(tenant, placement, "host_view"));

        // Another host, or a host of another municipality, finds nothing there.
        await (await system.Agency(tenant, "other-host").GetAsync("/api/participation/hosts/yamamoto-house")).AssertProblem(HttpStatusCode.NotFound);
        await (await system.Agency(tenant, "other-host").GetAsync("/api/participation/hosts/yamamoto-house/participants")).AssertProblem(HttpStatusCode.NotFound);
        await (await system.Agency(Tenants.Fresh(), "yamamoto-house").GetAsync("/api/participation/hosts/yamamoto-house")).AssertProblem(HttpStatusCode.NotFound);
        await (await coordinator.GetAsync("/api/participation/hosts/nobody")).AssertProblem(HttpStatusCode.NotFound);
        // Coordinators and managers see any host; other roles none.
        await coordinator.Read("/api/participation/hosts/yamamoto-house/participants");
        await (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync("/api/participation/hosts/yamamoto-house")).AssertStatus(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_report_counts_participants_placements_and_host_organisations_in_a_period()
    {
        var tenant = await system.FreshTenantWith(ParticipationClient.Hosts);
        var coordinator = system.Coordinator(tenant);
        var farmJob = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "farm", kind: "short_work"));
        var farmCafe = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "farm", kind: "ibasho"));
        var library = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "library", kind: "volunteer", district: "ina-centre"));
        var closed = await coordinator.NewOpportunityId(ParticipationClient.OpportunityBody(host: "closed-shop"));
        var etag = (await coordinator.GetAsync($"{ParticipationClient.Opportunities}/{closed}")).ETagOf();
        await (await coordinator.Send(HttpMethod.Put, $"{ParticipationClient.Opportunities}/{closed}",
            ParticipationClient.OpportunityBody(host: "closed-shop", accepting: false), etag)).OkObject();

        var first = await coordinator.NewRequestId(ParticipationClient.RequestBody(district: "takato"));
        var second = await coordinator.NewRequestId(ParticipationClient.RequestBody(district: "ina-centre"));
        await coordinator.PlacedId(first, farmJob, "participating", Today.AddDays(-10));
        var tried = await coordinator.PlacedId(second, farmCafe, "trial", Today.AddDays(-8));
        await (await coordinator.MovePlacement(tried, "ended", "unsuited")).OkObject();
        await coordinator.PlacedId(second, library, "visit", Today.AddDays(-1));
        // Long over before the period: not counted.
        var old = await coordinator.PlacedId(await coordinator.NewRequestId(), farmJob, "trial", Today.AddDays(-200));
        await (await coordinator.MovePlacement(old, "ended", "own_wish", Today.AddDays(-150))).OkObject();

        var report = await coordinator.Read($"/api/participation/reports/placements?from={Today.AddDays(-30):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        Assert.Equal(2, report["participants"]!.GetValue<int>());
        Assert.Equal(3, report["placements"]!.GetValue<int>());
        Assert.Equal(3, report["placementsStarted"]!.GetValue<int>());
        Assert.Equal(1, report["placementsEnded"]!.GetValue<int>());
        Assert.Equal(2, report["hostOrganisationsWithParticipants"]!.GetValue<int>());
        Assert.Equal(2, report["hostOrganisationsOpen"]!.GetValue<int>());
        Assert.Equal(3, report["requestsOpened"]!.GetValue<int>());
        var byKind = report["participantsByKind"]!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["count"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["ibasho"] = 1, ["short_work"] = 1, ["volunteer"] = 1 }, byKind);
        var byDistrict = report["participantsByDistrict"]!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["count"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["ina-centre"] = 1, ["takato"] = 1 }, byDistrict);
        var ends = Assert.Single(report["endReasons"]!.AsArray())!;
        Assert.Equal("unsuited", ends["code"]!.GetValue<string>());
        Assert.Equal("不適合", ends["label"]!.GetValue<string>());

        var empty = await coordinator.Read("/api/participation/reports/placements?fiscalYear=2001");
        Assert.Equal(0, empty["participants"]!.GetValue<int>());
        Assert.Equal("2001-04-01", empty.Text("from"));
        Assert.Equal("2002-03-31", empty.Text("to"));
        await (await coordinator.GetAsync("/api/participation/reports/placements")).AssertProblem(HttpStatusCode.BadRequest, "from");
        await (await coordinator.GetAsync("/api/participation/reports/placements?from=2026-05-01&to=2026-04-01")).AssertProblem(HttpStatusCode.BadRequest, "to");
        await (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync("/api/participation/reports/placements?fiscalYear=2026"))
            .AssertStatus(HttpStatusCode.Forbidden);
        // Another municipality's report knows nothing of these.
        var stranger = await system.Coordinator(Tenants.Fresh()).Read($"/api/participation/reports/placements?from={Today.AddDays(-30):yyyy-MM-dd}&to={Today:yyyy-MM-dd}");
        Assert.Equal(0, stranger["placements"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_code_tables_carry_japanese_labels_for_every_code_used()
    {
        var codes = await system.Gateway(Tenants.Fresh(), JusouRoles.AgencyStaff).Read("/api/participation/codes");
        string Label(string table, string code) =>
            codes[table]!.AsArray().Single(c => c!["code"]!.GetValue<string>() == code)!["label"]!.GetValue<string>();
        Assert.Equal("短時間就労(いなぷちバイト型)", Label("opportunityKinds", "short_work"));
        Assert.Equal("見学", Label("stages", "visit"));
        Assert.Equal("就労へ移行", Label("endReasons", "to_employment"));
        Assert.Equal("同じ地区", Label("matchReasons", "district_same"));
        Assert.Equal("受入枠が満員", Label("exclusions", "full"));
        Assert.Equal("協力事業所との三者面談", Label("sessionKinds", "with_host"));
    }
}
