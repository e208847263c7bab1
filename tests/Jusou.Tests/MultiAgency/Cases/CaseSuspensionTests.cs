using System.Net;
using System.Text.Json.Nodes;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.MultiAgency.Watch;

namespace Jusou.Tests.MultiAgency.Cases;

/// <summary>中断: a case is suspended with its reason and resumes to the status it left (or closes).</summary>
[Collection(SystemCollection.Name)]
public sealed class CaseSuspensionTests(SystemFixture system)
{
    private static async Task<HttpResponseMessage> Try(HttpClient coordinator, Guid caseId, object body)
    {
        var (_, etag) = await coordinator.ReadCase(caseId);
        return await coordinator.Send(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status", body, etag);
    }

    [Fact]
    public async Task A_case_is_suspended_with_its_reason_and_resumes_only_to_the_status_it_left()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        await coordinator.Move(caseId, "assessment");

        var suspended = await coordinator.Move(caseId, "suspended", reason: "hospitalised");
        Assert.Equal(("suspended", "hospitalised", "assessment"),
            (suspended.Text("status"), suspended.Text("suspensionReason"), suspended.Text("suspendedFrom")));
        var step = suspended.Items("statusHistory")[^1];
        Assert.Equal(("assessment", "suspended", "hospitalised"), (step.Text("fromStatus"), step.Text("status"), step.Text("reason")));

        // Only back to アセスメント (or 終結): the refusal names the current status and where it may go.
        var refused = await Try(coordinator, caseId, new { status = "planning" });
        await refused.AssertProblem(HttpStatusCode.Conflict);
        var detail = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>();
        Assert.Contains("(suspended)", detail);
        Assert.Contains("assessment", detail);
        await (await Try(coordinator, caseId, new { status = "suspended", reason = "other" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("suspended", (await coordinator.ReadCase(caseId)).Case.Text("status"));

        var resumed = await coordinator.Move(caseId, "assessment");
        Assert.Equal("assessment", resumed.Text("status"));
        Assert.Null(resumed["suspensionReason"]);
        Assert.Null(resumed["suspendedFrom"]);

        var moves = (await Events.Published<SupportCaseStatusChanged>(system, CaseClient.Database, e => e.CaseId == caseId))
            .Select(e => (e.FromStatus, e.Status)).ToList();
        Assert.Single(moves, m => m == ("assessment", "suspended"));
        Assert.Single(moves, m => m == ("suspended", "assessment"));
        var timeline = await coordinator.Timeline(caseId);
        Assert.Equal("hospitalised", timeline.Single(e => e.Text("kind") == "suspended").Text("detail"));
        Assert.Equal("assessment", timeline.Single(e => e.Text("kind") == "resumed").Text("detail"));
        // assessment, suspended, assessment again: each move audited.
        Assert.Equal(3, await system.AuditRows(tenant, caseId, "change_status"));
    }

    [Theory]
    [InlineData("""{"status":"suspended"}""")]
    [InlineData("""{"status":"suspended","reason":"goal_achieved"}""")]
    [InlineData("""{"status":"suspended","reason":"bored"}""")]
    public async Task Suspending_needs_a_suspension_reason_and_nothing_changes_without_one(string json)
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var caseId = (await coordinator.OpenCase()).Id();
        var (_, etag) = await coordinator.ReadCase(caseId);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{CaseClient.Cases}/{caseId}/status")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await coordinator.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest, "reason");
        Assert.Equal("received", (await coordinator.ReadCase(caseId)).Case.Text("status"));
        Assert.Equal(0, await system.Events<SupportCaseStatusChanged>(caseId));
    }

    [Fact]
    public async Task A_supported_case_resumes_to_support_and_a_suspended_case_may_close()
    {
        var tenant = await system.FreshTenantWith(CaseClient.Organisations);
        var coordinator = system.Coordinator(tenant);
        var (caseId, planId, planETag) = await system.CaseWithDraft(tenant, actions: 1);
        await (await coordinator.Approve(caseId, planId, planETag)).Expect(HttpStatusCode.OK);

        await coordinator.Move(caseId, "suspended", reason: "institutionalised");
        Assert.Equal("supporting", (await coordinator.Move(caseId, "supporting")).Text("status"));

        await coordinator.Move(caseId, "suspended", reason: "no_contact");
        var closed = await coordinator.Move(caseId, "closed", reason: "no_contact");
        Assert.Equal(("closed", "no_contact"), (closed.Text("status"), closed.Text("closureReason")));
        Assert.Null(closed["suspendedFrom"]);
        Assert.Equal(1, await system.Events<SupportCaseClosed>(caseId));
        // A closed case is reopened into アセスメント, never resumed to where it was suspended from.
        await (await Try(coordinator, caseId, new { status = "supporting", reason = "worsened" })).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_suspended_case_raises_no_no_contact_alert_and_raises_it_again_once_resumed()
    {
        var tenant = Tenants.Fresh();
        var coordinator = system.Coordinator(tenant);
        var manager = system.Gateway(tenant, JusouRoles.Manager);
        var suspended = (await coordinator.OpenCase()).Id();
        var quiet = (await coordinator.OpenCase()).Id();
        await coordinator.Move(suspended, "suspended", reason: "hospitalised");
        foreach (var caseId in new[] { suspended, quiet })
        {
            await Sql.Execute(system, CaseClient.Database, "UPDATE case_timeline SET at = now() - interval '61 days' WHERE case_id = $1", caseId);
        }

        Assert.Equal(1, (await manager.Scan("no_contact"))["noContact"]!.GetValue<int>());
        Assert.Equal(1, await system.Alerts(quiet, "no_contact"));
        Assert.Equal(0, await system.Alerts(suspended, "no_contact"));

        // Resumed, and quiet again for longer than the rule: now it is watched.
        await coordinator.Move(suspended, "received");
        await Sql.Execute(system, CaseClient.Database, "UPDATE case_timeline SET at = now() - interval '61 days' WHERE case_id = $1", suspended);
        Assert.Equal(1, (await manager.Scan("no_contact"))["noContact"]!.GetValue<int>());
        Assert.Equal(1, await system.Alerts(suspended, "no_contact"));
    }
}
