using System.Net;
using Jusou.Contracts.CommunityResources;
using Jusou.Contracts.Outreach;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using static Jusou.Tests.Community.CommunityClient;

namespace Jusou.Tests.Community;

/// <summary>気になる人: minimal, confidential reports that reach Outreach as codes; the reporter sees the status only.</summary>
[Collection(SystemCollection.Name)]
public sealed class ConcernReportTests(SystemFixture system)
{
    private static object Report(string district = "aozasa") => new
    {
        reporterKind = "minsei_iin",
        concernCodes = new[] { "social_isolation", "8050" },
        riskLevel = "medium",
        districtCode = district,
        personDescription = "青笹町の山田さん宅(80代の母と50代の息子)",
        details = "最近、息子さんの姿を見かけない。新聞が溜まっている。",
        noticedOn = "2026-11-18",
    };

    [Fact]
    public async Task A_concern_report_reaches_the_outbox_for_outreach_with_codes_only()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant, subject: "minsei-1");
        await staff.SeedAreas();

        var created = await staff.Post($"{Root}/concern-reports", Report());

        var status = await created.CreatedObject();
        var id = status.Id();
        Assert.Equal("submitted", status.Text("status"));
        Assert.Null(status["details"]); // the answer carries no details back
        var reported = Assert.Single(await Events.Published<ConcernReported>(system, Database, e => e.TenantCode == tenant && e.ConcernReportId == id));
        Assert.Equal(("aozasa", "minsei_iin", "medium"), (reported.DistrictCode, reported.ReporterKind, reported.RiskLevel));
        Assert.Equal(["social_isolation", "8050"], reported.ConcernCodes);
        // Raw text on purpose: no name or detail of the report anywhere in the stored payload, whatever its fields.
        Assert.Equal(0, await Sql.Count(system, Database,
            "SELECT count(*) FROM outbox_messages WHERE id = $1 AND (position('山田' in payload::text) > 0 OR position('新聞' in payload::text) > 0)",
            reported.EventId));
        // the relay sends it on to the broker (Outreach's queue is bound to the event type)
        await Eventually.True(async () => await Sql.Count(system, Database,
            "SELECT count(*) FROM outbox_messages WHERE id = $1 AND sent_at IS NOT NULL", reported.EventId) == 1,
            TimeSpan.FromSeconds(30), "the ConcernReported event to be sent");
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
    }

    [Fact]
    public async Task When_outreach_opens_a_target_the_reporter_sees_it_received_but_never_the_details()
    {
        var tenant = Tenants.Fresh();
        var reporter = system.Staff(tenant, subject: "minsei-2");
        await reporter.SeedAreas();
        var id = (await (await reporter.Post($"{Root}/concern-reports", Report())).CreatedObject()).Id();
        var statusPath = $"{Root}/concern-reports/{id}/status";
        Assert.Equal("submitted", (await (await reporter.GetAsync(statusPath)).OkObject()).Text("status"));

        // Outreach opens a target for the report through the bus, and its OutreachTargetOpened comes back here.
        var received = await Eventually.Get(async () =>
        {
            var read = await (await reporter.GetAsync(statusPath)).OkObject();
            return read.Text("status") == "received_by_outreach" ? read : null;
        }, TimeSpan.FromSeconds(30), "the report to be received by outreach");
        Assert.NotNull(received["receivedByOutreachAt"]);
        Assert.Equal(["id", "receivedByOutreachAt", "reportedAt", "status"], received.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, await Sql.Count(system, "outreachdb", "SELECT count(*) FROM targets WHERE tenant_code = $1 AND source_id = $2", tenant, id));
        const string takenUpByOutreachsTarget = "SELECT count(*) FROM concern_reports WHERE id = $1 AND outreach_target_id IS NOT NULL AND outreach_target_id <> $2";

        // A second opening for the same report (another target, delivered twice) changes nothing: the first target stays.
        var secondTarget = Guid.CreateVersion7();
        var opened = new OutreachTargetOpened(Guid.CreateVersion7(), DateTimeOffset.UtcNow, tenant, secondTarget, "concern_report", id, null, "aozasa", "medium");
        await system.Publish(opened);
        await system.Publish(opened);
        await Eventually.True(async () => await Sql.Count(system, Database, "SELECT count(*) FROM inbox_messages WHERE message_id = $1", opened.EventId) == 1,
            TimeSpan.FromSeconds(30), "the second opening to be handled");
        Assert.Equal(1, await Sql.Count(system, Database, takenUpByOutreachsTarget, id, secondTarget));

        var mine = await (await reporter.GetAsync($"{Root}/concern-reports/mine")).OkObject();
        Assert.Equal(["received_by_outreach"], mine.Items().Select(r => r.Text("status")));
        // the reporter may not read the details; another staff member does not even see the status
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"{Root}/concern-reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(tenant, subject: "someone-else").GetAsync(statusPath)).StatusCode);
        Assert.Empty((await (await system.Staff(tenant, subject: "someone-else").GetAsync($"{Root}/concern-reports/mine")).OkObject()).Items());
    }

    [Fact]
    public async Task Outreach_workers_read_the_details_and_each_read_is_audited()
    {
        var tenant = Tenants.Fresh();
        var reporter = system.Staff(tenant, subject: "minsei-3");
        await reporter.SeedAreas();
        var id = (await (await reporter.Post($"{Root}/concern-reports", Report())).CreatedObject()).Id();

        var outreach = system.Gateway(tenant, JusouRoles.OutreachWorker, subject: "outreach-1");
        var report = await (await outreach.GetAsync($"{Root}/concern-reports/{id}")).OkObject();

        Assert.Equal("最近、息子さんの姿を見かけない。新聞が溜まっている。", report.Text("details"));
        Assert.Equal("minsei-3", report.Text("reportedBy"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
        Assert.Equal(HttpStatusCode.NotFound, (await system.Gateway(Tenants.Fresh(), JusouRoles.OutreachWorker).GetAsync($"{Root}/concern-reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Staff(Tenants.Fresh(), subject: "minsei-3").GetAsync($"{Root}/concern-reports/{id}/status")).StatusCode);
    }

    public static TheoryData<string, string> InvalidReports => new()
    {
        { """{"concernCodes":["8050"],"riskLevel":"low"}""", "reporterKind" },
        { """{"reporterKind":"gossip","concernCodes":["8050"],"riskLevel":"low"}""", "reporterKind" },
        { """{"reporterKind":"shop","concernCodes":[],"riskLevel":"low"}""", "concernCodes" },
        { """{"reporterKind":"shop","concernCodes":["weird"],"riskLevel":"low"}""", "concernCodes" },
        { """{"reporterKind":"shop","concernCodes":["8050"],"riskLevel":"extreme"}""", "riskLevel" },
        { """{"reporterKind":"shop","concernCodes":["8050"],"riskLevel":"low","districtCode":"atlantis"}""", "districtCode" },
        { """{"reporterKind":"shop","concernCodes":["8050"],"riskLevel":"low","noticedOn":"2999-01-01"}""", "noticedOn" },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task Invalid_reports_are_400_and_nothing_is_stored_or_sent(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();

        await (await staff.PostJson($"{Root}/concern-reports", body)).AssertProblem(HttpStatusCode.BadRequest, field);

        Assert.Equal(0, await system.Rows("concern_reports", tenant));
        Assert.Equal(0, await system.Events(tenant, "ConcernReported"));
    }

    [Fact]
    public async Task Only_community_staff_and_managers_report_and_a_repeated_key_reports_once()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        await staff.SeedAreas();

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).Post($"{Root}/concern-reports", Report())).StatusCode);
        var first = await (await staff.Post($"{Root}/concern-reports", Report(), idempotencyKey: "concern-1")).CreatedObject();
        var again = await (await staff.Post($"{Root}/concern-reports", Report(), idempotencyKey: "concern-1")).CreatedObject();

        Assert.Equal(first.Id(), again.Id());
        Assert.Equal(1, await system.Rows("concern_reports", tenant));
        Assert.Equal(1, await system.Events(tenant, "ConcernReported"));
    }
}
