using System.Net;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>実施計画 indicators: 拠点数 and 参加者数 by area and kind, per fiscal year.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReportTests(SystemFixture system)
{
    [Fact]
    public async Task Places_and_participants_are_counted_by_area_and_kind_within_the_fiscal_year()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var organisation = await staff.NewOrganisation();
        async Task<Guid> Publish(object programme) => (await (await staff.Post($"{Root}/services", programme)).CreatedObject()).Id();
        var salonA = await Publish(Programme(organisation, "サロンA", "aozasa", kinds: ["kayoi_no_ba"]));
        var salonB = await Publish(Programme(organisation, "サロンB", "aozasa", kinds: ["kayoi_no_ba", "ibasho"]));
        var cafe = await Publish(Programme(organisation, "まちの縁側", "city", kinds: ["ibasho"]));
        await Publish(Programme(organisation, "相談窓口", "city", kinds: ["consultation"])); // not a place
        var closed = await Publish(Programme(organisation, "閉じたサロン", "aozasa", kinds: ["kayoi_no_ba"]));
        (await staff.PostAsync($"{Root}/services/{closed}/withdraw", null)).EnsureSuccessStatusCode();

        async Task Count(Guid service, string month, int participants) =>
            await (await staff.Post($"{Root}/services/{service}/participant-counts", new { month, participants })).CreatedObject();
        await Count(salonA, "2025-04-01", 10);
        await Count(salonA, "2026-03-01", 12);
        await Count(salonB, "2025-10-01", 7);
        await Count(cafe, "2025-06-01", 30);
        await Count(cafe, "2026-04-01", 99); // next fiscal year

        var report = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"{Root}/reports/places?fiscalYear=2025")).OkObject();

        var rows = report["rows"]!.AsArray().Select(r => (r!["areaCode"]!.GetValue<string>(), r["kind"]!.GetValue<string>(),
            r["places"]!.GetValue<int>(), r["participants"]!.GetValue<long>())).ToList();
        Assert.Equal([("aozasa", "ibasho", 1, 7L), ("aozasa", "kayoi_no_ba", 2, 29L), ("city", "ibasho", 1, 30L)], rows);
        Assert.Equal(3, report["totalPlaces"]!.GetValue<int>());
        Assert.Equal(59, report["totalParticipants"]!.GetValue<long>());
        Assert.Equal("2025-04-01", report.Text("from"));
        Assert.Equal("2026-03-31", report.Text("to"));
    }

    [Fact]
    public async Task A_month_is_counted_once_bad_counts_are_400_and_other_municipalities_see_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();
        var service = (await (await staff.Post($"{Root}/services", Programme(await staff.NewOrganisation(), kinds: ["ibasho"]))).CreatedObject()).Id();
        var path = $"{Root}/services/{service}/participant-counts";

        await (await staff.Post(path, new { month = "2025-05-01", participants = 5 })).CreatedObject();
        await (await staff.Post(path, new { month = "2025-05-01", participants = 6 })).AssertProblem(HttpStatusCode.Conflict);
        await (await staff.Post(path, new { month = "2025-05-15", participants = 6 })).AssertProblem(HttpStatusCode.BadRequest, "month");
        await (await staff.Post(path, new { month = "2025-06-01", participants = -1 })).AssertProblem(HttpStatusCode.BadRequest, "participants");
        Assert.Equal(1, await system.Rows("participant_counts", tenant));
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(Tenants.Fresh()).Post(path, new { month = "2025-06-01", participants = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).Post(path, new { month = "2025-06-01", participants = 1 })).StatusCode);
        var elsewhere = await (await system.Staff(Tenants.Fresh()).GetAsync($"{Root}/reports/places?fiscalYear=2025")).OkObject();
        Assert.Equal(0, elsewhere["totalPlaces"]!.GetValue<int>());
        await (await staff.GetAsync($"{Root}/reports/places?fiscalYear=1800")).AssertProblem(HttpStatusCode.BadRequest, "fiscalYear");
    }
}
