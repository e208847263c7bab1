using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>Contact attempts, their confidential notes, the overdue list and each worker's caseload.</summary>
[Collection(SystemCollection.Name)]
public sealed class ContactTests(SystemFixture system)
{
    private static DateOnly Today => OutreachClient.TodayInJapan;

    [Fact]
    public async Task A_contact_attempt_is_recorded_moves_the_target_to_attempting_and_plans_the_next_contact()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var next = Today.AddDays(7);

        var response = await worker.RecordContact(id, new { method = "visit", outcome = "absent", notes = "インターホンに応答なし。手紙を投函。", nextContactOn = next });
        var attempt = await response.CreatedObject();
        Assert.Equal($"/api/outreach/targets/{id}/contacts/{attempt.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("outreach-worker-1", attempt.Text("recordedBy"));

        var target = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject();
        Assert.Equal("attempting", target.Text("stage"));
        Assert.Equal(next, target.Date("nextContactOn"));
        Assert.NotNull(target["lastAttemptAt"]);
        Assert.Null(target["firstReachedAt"]); // nobody answered: not a contact with the person yet

        await (await worker.RecordContact(id, new { method = "phone", outcome = "spoke", nextContactOn = Today.AddDays(14) })).CreatedObject();
        target = await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject();
        Assert.NotNull(target["firstReachedAt"]);
        Assert.Equal("attempting", target.Text("stage")); // later stages are the worker's call

        var attempted = await system.EventPayloads(tenant, "OutreachContactAttempted");
        Assert.Equal(2, attempted.Count);
        Assert.Equal(("visit", "absent", next), (attempted[0].Text("Method"), attempted[0].Text("Outcome"), attempted[0].Date("NextContactOn")));
        Assert.Equal(id, attempted[0].Id("TargetId"));
        Assert.False(attempted[0].ContainsKey("Notes"));
        Assert.Single(await system.EventPayloads(tenant, "OutreachTargetStageChanged"));
    }

    [Fact]
    public async Task Notes_are_read_by_outreach_workers_and_managers_audited_and_hidden_from_coordinators()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var attemptId = (await (await worker.RecordContact(id, new { method = "via_minsei_iin", outcome = "family_only", notes = "母親によると本人は夜だけ起きている。" })).CreatedObject()).Id();
        var one = $"{OutreachClient.Targets}/{id}/contacts/{attemptId}";

        var manager = system.Gateway(tenant, JusouRoles.Manager, subject: "manager-1");
        Assert.Equal("母親によると本人は夜だけ起きている。", (await (await manager.GetAsync(one)).OkObject()).Text("notes"));
        Assert.Equal("母親によると本人は夜だけ起きている。", (await (await worker.GetAsync($"{OutreachClient.Targets}/{id}/contacts")).OkObject()).Items().Single().Text("notes"));
        Assert.Equal(2, await system.AuditRows(tenant, attemptId, "read_notes"));

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var seen = await (await coordinator.GetAsync(one)).OkObject();
        Assert.Null(seen["notes"]);
        Assert.Equal("family_only", seen.Text("outcome"));
        Assert.Null((await (await coordinator.GetAsync($"{OutreachClient.Targets}/{id}/contacts")).OkObject()).Items().Single()["notes"]);
        Assert.Equal(2, await system.AuditRows(tenant, attemptId, "read_notes"));
        Assert.Equal(1, await system.AuditRows(tenant, attemptId, "read"));
    }

    public static TheoryData<string, string> InvalidContacts => new()
    {
        { """{"outcome":"met"}""", "method" },
        { """{"method":"fax","outcome":"met"}""", "method" },
        { """{"method":"visit"}""", "outcome" },
        { """{"method":"visit","outcome":"happy"}""", "outcome" },
        { """{"method":"visit","outcome":"met","at":"2999-01-01T00:00:00Z"}""", "at" },
        { """{"method":"visit","outcome":"met","at":"2001-01-01T00:00:00Z"}""", "at" },
        { $$"""{"method":"visit","outcome":"met","notes":"{{new string('x', 4001)}}"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(InvalidContacts))]
    public async Task Invalid_contact_attempts_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();

        var response = await worker.PostAsync($"{OutreachClient.Targets}/{id}/contacts", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("contact_attempts", tenant));
        Assert.Equal("identified", (await (await worker.GetAsync($"{OutreachClient.Targets}/{id}")).OkObject()).Text("stage"));
    }

    [Fact]
    public async Task Coordinators_cannot_record_contacts_another_tenant_gets_404_and_a_closed_target_takes_none()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var contact = new { method = "visit", outcome = "met" };

        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Coordinator).RecordContact(id, contact)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Worker(Tenants.Fresh()).RecordContact(id, contact)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await system.Worker(Tenants.Fresh()).GetAsync($"{OutreachClient.Targets}/{id}/contacts")).StatusCode);
        Assert.Equal(0, await system.Rows("contact_attempts", tenant));

        await (await worker.MoveTo(id, "closed", "no_longer_needed")).OkObject();
        await (await worker.RecordContact(id, contact)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(0, await system.Rows("contact_attempts", tenant));
    }

    [Fact]
    public async Task Recording_a_contact_with_an_idempotency_key_twice_stores_one_attempt()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        HttpRequestMessage Request() => new(HttpMethod.Post, $"{OutreachClient.Targets}/{id}/contacts")
        {
            Content = JsonContent.Create(new { method = "letter", outcome = "letter_only" }, options: Api.Json),
            Headers = { { "Idempotency-Key", "letter-1" } },
        };

        var first = await (await worker.SendAsync(Request())).CreatedObject();
        var again = await worker.SendAsync(Request());
        Assert.Equal(first.Id(), (await again.CreatedObject()).Id());
        Assert.Equal(1, await system.Rows("contact_attempts", tenant));
        Assert.Equal(1, await system.Events(tenant, "OutreachContactAttempted"));
    }

    [Fact]
    public async Task A_target_whose_planned_contact_passed_without_an_attempt_is_overdue_until_someone_tries_again()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var forgotten = await worker.NewTargetId(OutreachClient.TargetBody(identifiedOn: Today.AddDays(-30), nextContactOn: Today.AddDays(-3)));
        await worker.NewTargetId(OutreachClient.TargetBody(nextContactOn: Today));
        await worker.NewTargetId(OutreachClient.TargetBody(nextContactOn: Today.AddDays(3)));
        await worker.NewTargetId(OutreachClient.TargetBody(nextContactOn: null));
        var otherWorkers = await worker.NewTargetId(OutreachClient.TargetBody(assignedWorker: "outreach-worker-2", nextContactOn: Today.AddDays(-1)));
        var closed = await worker.NewTargetId(OutreachClient.TargetBody(nextContactOn: Today.AddDays(-10)));
        await (await worker.MoveTo(closed, "closed", "moved_away")).OkObject();

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        var overdue = await (await coordinator.GetAsync("/api/outreach/overdue")).OkObject();
        Assert.Equal([forgotten, otherWorkers], overdue.Items().Select(t => t.Id()));
        Assert.All(overdue.Items(), t => Assert.True(t["overdue"]!.GetValue<bool>()));
        var mine = await (await worker.GetAsync("/api/outreach/overdue?worker=outreach-worker-1")).OkObject();
        Assert.Equal([forgotten], mine.Items().Select(t => t.Id()));
        Assert.True((await (await worker.GetAsync($"{OutreachClient.Targets}/{forgotten}")).OkObject())["overdue"]!.GetValue<bool>());

        // Someone went: the plan moves on and the target leaves the list.
        await (await worker.RecordContact(forgotten, new { method = "visit", outcome = "absent", nextContactOn = Today.AddDays(7) })).CreatedObject();
        overdue = await (await coordinator.GetAsync("/api/outreach/overdue")).OkObject();
        Assert.Equal([otherWorkers], overdue.Items().Select(t => t.Id()));

        Assert.Empty((await (await system.Gateway(Tenants.Fresh(), JusouRoles.Coordinator).GetAsync("/api/outreach/overdue")).OkObject()).Items());
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.IntakeWorker).GetAsync("/api/outreach/overdue")).StatusCode);
    }

    [Fact]
    public async Task Each_worker_sees_their_own_open_caseload_and_coordinators_can_look_at_anyones()
    {
        var tenant = Tenants.Fresh();
        var first = system.Worker(tenant, "outreach-worker-1");
        var second = system.Worker(tenant, "outreach-worker-2");
        var late = await first.NewTargetId(OutreachClient.TargetBody(assignedWorker: "outreach-worker-1", nextContactOn: Today.AddDays(-2)));
        var onTime = await first.NewTargetId(OutreachClient.TargetBody(assignedWorker: "outreach-worker-1", nextContactOn: Today.AddDays(5)));
        var finished = await first.NewTargetId(OutreachClient.TargetBody(assignedWorker: "outreach-worker-1"));
        await (await first.MoveTo(finished, "closed", "no_longer_needed")).OkObject();
        var theirs = await first.NewTargetId(OutreachClient.TargetBody(assignedWorker: "outreach-worker-2"));
        await first.NewTargetId(OutreachClient.TargetBody(assignedWorker: null));

        var own = (await (await first.GetAsync("/api/outreach/caseload")).OkObject()).Items().ToList();
        Assert.Equal([late, onTime], own.Select(t => t.Id()));
        Assert.Equal([true, false], own.Select(t => t["overdue"]!.GetValue<bool>()));
        Assert.Equal([theirs], (await (await second.GetAsync("/api/outreach/caseload")).OkObject()).Items().Select(t => t.Id()));
        var looked = await (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync("/api/outreach/caseload?worker=outreach-worker-2")).OkObject();
        Assert.Equal([theirs], looked.Items().Select(t => t.Id()));
        Assert.Empty((await (await system.Worker(Tenants.Fresh(), "outreach-worker-1").GetAsync("/api/outreach/caseload")).OkObject()).Items());
    }
}
