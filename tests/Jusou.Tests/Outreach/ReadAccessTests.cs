using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>The read endpoints not covered elsewhere: bad paging, roles and other tenants.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReadAccessTests(SystemFixture system)
{
    [Fact]
    public async Task Contact_and_hand_off_reads_are_404_to_another_tenant_and_403_to_other_roles()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var attemptId = (await (await worker.RecordContact(id, new { method = "visit", outcome = "met", notes = "秘密" })).CreatedObject()).Id();
        var stranger = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{OutreachClient.Targets}/{id}/contacts/{attemptId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{OutreachClient.Targets}/{id}/hand-offs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"{OutreachClient.Targets}/{id}/contacts/{Guid.CreateVersion7()}")).StatusCode);
        foreach (var role in new[] { JusouRoles.IntakeWorker, JusouRoles.CommunityStaff })
        {
            var other = system.Gateway(tenant, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{OutreachClient.Targets}/{id}/contacts/{attemptId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"{OutreachClient.Targets}/{id}/hand-offs")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/outreach/caseload")).StatusCode);
        }
        Assert.Equal(0, await system.AuditRows(tenant, attemptId, "read_notes"));
        Assert.Empty((await (await worker.GetAsync($"{OutreachClient.Targets}/{id}/hand-offs")).OkObject()).Items());
    }

    [Theory]
    [InlineData("/api/outreach/caseload?pageSize=0", "pageSize")]
    [InlineData("/api/outreach/overdue?pageSize=501", "pageSize")]
    [InlineData("/api/outreach/overdue?pageToken=nonsense", "pageToken")]
    [InlineData("/api/outreach/targets?source=rumour", "source")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string path, string field)
    {
        await (await system.Worker(Tenants.Fresh()).GetAsync(path)).AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Contact_lists_page_in_a_stable_order()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var ids = new List<Guid>();
        foreach (var outcome in new[] { "absent", "no_answer", "letter_only" })
        {
            ids.Add((await (await worker.PostAsJsonAsync($"{OutreachClient.Targets}/{id}/contacts", new { method = "visit", outcome })).CreatedObject()).Id());
        }
        var first = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}/contacts?pageSize=2")).OkObject();
        var rest = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}/contacts?pageSize=2&pageToken={first.Text("nextPageToken")}")).OkObject();
        Assert.Equal(ids, first.Items().Concat(rest.Items()).Select(a => a.Id()));
        Assert.Null(rest["nextPageToken"]);
    }
}
