using System.Net;
using System.Text.Json.Nodes;
using Jusou.Contracts.CommunityResources;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>実績: targets by stage, source and 地区; attempts per target; days from 把握 to first contact.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReportTests(SystemFixture system)
{
    private static Dictionary<string, int> Counts(JsonNode? list) =>
        list!.AsArray().ToDictionary(c => c!["code"]!.GetValue<string>(), c => c!["count"]!.GetValue<int>());

    [Fact]
    public async Task The_report_counts_targets_attempts_and_days_to_first_contact_for_a_fiscal_year()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var identified = new DateOnly(2025, 6, 1);
        var reachedAfterTen = await worker.NewTargetId(OutreachClient.TargetBody(district: "aozasa", identifiedOn: identified));
        var reachedAfterFour = await worker.NewTargetId(OutreachClient.TargetBody(district: "aozasa", identifiedOn: identified));
        await worker.NewTargetId(OutreachClient.TargetBody(district: "tsuchibuchi", identifiedOn: identified));
        await worker.NewTargetId(OutreachClient.TargetBody(district: "aozasa", identifiedOn: new DateOnly(2025, 3, 31))); // the year before
        // JST dates: 6/3 absent, 6/11 met (10 days); 6/5 spoke (4 days).
        await (await worker.RecordContact(reachedAfterTen, new { method = "visit", outcome = "absent", at = "2025-06-03T01:00:00Z" })).CreatedObject();
        await (await worker.RecordContact(reachedAfterTen, new { method = "visit", outcome = "met", at = "2025-06-11T01:00:00Z" })).CreatedObject();
        await (await worker.RecordContact(reachedAfterFour, new { method = "phone", outcome = "spoke", at = "2025-06-05T01:00:00Z" })).CreatedObject();
        var reportId = Guid.CreateVersion7();
        await system.Publish(new ConcernReported(Guid.CreateVersion7(), new DateTimeOffset(2025, 7, 1, 1, 0, 0, TimeSpan.Zero), tenant,
            reportId, "kamigo", "neighbour", ["social_isolation"], "low"));
        await worker.TargetFrom("concern_report", reportId);

        var report = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync("/api/outreach/reports/targets?fiscalYear=2025")).OkObject();

        Assert.Equal("2025-04-01", report.Text("from"));
        Assert.Equal("2026-03-31", report.Text("to"));
        Assert.Equal(4, report["targets"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["attempting"] = 2, ["identified"] = 2 }, Counts(report["byStage"]));
        Assert.Equal(new Dictionary<string, int> { ["concern_report"] = 1, ["direct"] = 3 }, Counts(report["bySource"]));
        Assert.Equal(new Dictionary<string, int> { ["aozasa"] = 2, ["kamigo"] = 1, ["tsuchibuchi"] = 1 }, Counts(report["byDistrict"]));
        Assert.Equal("接触試行", report["byStage"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == "attempting")!["label"]!.GetValue<string>());

        var attempts = report["attempts"]!;
        Assert.Equal(3, attempts["total"]!.GetValue<int>());
        Assert.Equal(2, attempts["targetsWithAttempts"]!.GetValue<int>());
        Assert.Equal(0.75, attempts["averagePerTarget"]!.GetValue<double>());
        Assert.Equal(2, attempts["maxPerTarget"]!.GetValue<int>());
        var distribution = Counts(attempts["distribution"]);
        Assert.Equal((2, 1, 1, 0), (distribution["0"], distribution["1"], distribution["2"], distribution["3-5"]));

        var firstContact = report["firstContact"]!;
        Assert.Equal(2, firstContact["reached"]!.GetValue<int>());
        Assert.Equal(2, firstContact["notYetReached"]!.GetValue<int>());
        Assert.Equal(7, firstContact["averageDays"]!.GetValue<double>());
        Assert.Equal(7, firstContact["medianDays"]!.GetValue<double>());
        Assert.Equal(10, firstContact["maxDays"]!.GetValue<int>());

        // Another tenant's report is empty.
        var stranger = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Manager).GetAsync("/api/outreach/reports/targets?fiscalYear=2025")).OkObject();
        Assert.Equal(0, stranger["targets"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_report_needs_a_valid_period_and_a_reader_role()
    {
        var tenant = Tenants.Fresh();
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        await (await manager.GetAsync("/api/outreach/reports/targets")).AssertProblem(HttpStatusCode.BadRequest, "from");
        await (await manager.GetAsync("/api/outreach/reports/targets?from=2025-05-01&to=2025-04-01")).AssertProblem(HttpStatusCode.BadRequest, "to");
        await (await manager.GetAsync("/api/outreach/reports/targets?fiscalYear=2025&from=2025-05-01")).AssertProblem(HttpStatusCode.BadRequest, "fiscalYear");
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/outreach/reports/targets?from=2025-04-01&to=2025-05-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync("/api/outreach/reports/targets?fiscalYear=2025")).StatusCode);
    }
}
