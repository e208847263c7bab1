using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>The 権利擁護 report counts exactly what was recorded, per fiscal year or period.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReportTests(SystemFixture system)
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public async Task The_report_counts_matters_petitions_mayors_petitions_and_citizen_guardians_exactly()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);

        // A: 市長申立 後見, opened and started in FY2026, a 市民後見人 serving.
        var a = await Matter(staff, "guardianship", "mayor", "2026-04-10",
            ("preparing", D(2026, 5, 1)), ("petitioned", D(2026, 6, 1)), ("adjudicated", D(2026, 7, 1)));
        // B: 市長申立 保佐, petitioned in FY2026.
        await Matter(staff, "curatorship", "mayor", "2026-05-10", ("preparing", D(2026, 5, 20)), ("petitioned", D(2026, 6, 15)));
        // C: 親族 補助, still at 相談.
        await Matter(staff, "assistance", "relative", "2026-06-01");
        // D: 本人 任意後見, opened and petitioned in FY2025, started and ended in FY2026.
        await Matter(staff, "voluntary", "self", "2025-12-01", ("preparing", D(2026, 1, 10)), ("petitioned", D(2026, 2, 1)),
            ("adjudicated", D(2026, 4, 20)), ("started", D(2026, 5, 1)), ("ended", D(2026, 10, 1)));
        // E: undecided, ended without a petition.
        await Matter(staff, "undecided", "undecided", "2026-07-01", ("ended", D(2026, 7, 10)));

        var serving = await GuardianTests.NewCitizenGuardian(staff, new { name = "上伊那 一郎", trainingCompletedOn = "2025-03-15" });
        await GuardianTests.NewCitizenGuardian(staff, new { name = "多忙 太郎", trainingCompletedOn = "2024-03-01", available = false });
        await GuardianTests.NewCitizenGuardian(staff, new { name = "研修 中子" });
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{a}/guardians",
            new { kind = "citizen", citizenGuardianId = serving, appointedOn = "2026-07-10" })).CreatedObject();
        var etag = await staff.CurrentETag($"{RightsClient.Matters}/{a}");
        await staff.MoveThrough(a, etag, ("started", D(2026, 7, 20)));
        await (await staff.PostAsJsonAsync(RightsClient.Contracts, new { services = new[] { "daily_money_management" }, specialist = "専門員A", contractedOn = "2026-05-01" }))
            .CreatedObject();

        // Another tenant's 市長申立 never counts here.
        var stranger = system.Staff(Tenants.Fresh());
        await Matter(stranger, "guardianship", "mayor", "2026-06-01", ("preparing", D(2026, 6, 2)), ("petitioned", D(2026, 6, 3)));

        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var fy2026 = await manager.Read("/api/rights/reports/matters?fiscalYear=2026");
        Assert.Equal("2026-04-01", fy2026.Text("from"));
        Assert.Equal("2027-03-31", fy2026.Text("to"));
        Assert.Equal(4, fy2026["opened"]!.GetValue<int>());
        AssertCounts(fy2026["byStage"], new() { ["consultation"] = 1, ["preparing"] = 0, ["petitioned"] = 1, ["adjudicated"] = 0, ["started"] = 1, ["reporting"] = 0, ["ended"] = 1 });
        AssertCounts(fy2026["byType"], new() { ["undecided"] = 1, ["guardianship"] = 1, ["curatorship"] = 1, ["assistance"] = 1, ["voluntary"] = 0 });
        AssertCounts(fy2026["byPetitioner"], new() { ["undecided"] = 1, ["self"] = 0, ["relative"] = 1, ["mayor"] = 2 });
        Assert.Equal(2, fy2026["petitionsFiled"]!.GetValue<int>());
        Assert.Equal(2, fy2026["mayorPetitions"]!.GetValue<int>());
        Assert.Equal(2, fy2026["guardianshipsStarted"]!.GetValue<int>());
        Assert.Equal(2, fy2026["ended"]!.GetValue<int>());
        AssertCounts(fy2026["citizenGuardians"], new() { ["registered"] = 3, ["trained"] = 2, ["active"] = 1, ["assigned"] = 1 });
        Assert.Equal(1, fy2026["activeDailyLifeSupportContracts"]!.GetValue<int>());

        var fy2025 = await manager.Read("/api/rights/reports/matters?fiscalYear=2025");
        Assert.Equal(1, fy2025["opened"]!.GetValue<int>());
        Assert.Equal(1, fy2025["byStage"]!["ended"]!.GetValue<int>());
        Assert.Equal(1, fy2025["petitionsFiled"]!.GetValue<int>());
        Assert.Equal(0, fy2025["mayorPetitions"]!.GetValue<int>());
        Assert.Equal(0, fy2025["guardianshipsStarted"]!.GetValue<int>());

        var june = await system.Gateway(tenant, JusouRoles.Coordinator).Read("/api/rights/reports/matters?from=2026-06-01&to=2026-06-30");
        Assert.Equal(1, june["opened"]!.GetValue<int>());
        Assert.Equal(2, june["mayorPetitions"]!.GetValue<int>());

        var allTime = await staff.Read("/api/rights/reports/matters");
        Assert.Equal(5, allTime["opened"]!.GetValue<int>());
        Assert.Equal(3, allTime["petitionsFiled"]!.GetValue<int>());
        Assert.Equal(2, allTime["mayorPetitions"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bad_period_is_400_and_other_roles_are_refused()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await (await staff.GetAsync("/api/rights/reports/matters?fiscalYear=2026&from=2026-04-01")).AssertProblem(HttpStatusCode.BadRequest, "fiscalYear");
        await (await staff.GetAsync("/api/rights/reports/matters?from=2026-07-01&to=2026-06-30")).AssertProblem(HttpStatusCode.BadRequest, "to");
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.AgencyStaff).GetAsync("/api/rights/reports/matters")).StatusCode);
    }

    private static async Task<Guid> Matter(HttpClient staff, string type, string petitioner, string openedOn, params (string, DateOnly)[] steps)
    {
        var (matter, etag) = await staff.NewMatter(new { type, petitioner, openedOn });
        await staff.MoveThrough(matter.Id(), etag, steps);
        return matter.Id();
    }

    private static void AssertCounts(JsonNode? counts, Dictionary<string, int> expected) =>
        Assert.Equal(expected, counts!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>()));
}
