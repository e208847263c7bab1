using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Outreach;

/// <summary>Targets: opening directly, reading, correcting with If-Match, idempotent POST, stages, roles and tenants.</summary>
[Collection(SystemCollection.Name)]
public sealed class TargetTests(SystemFixture system)
{
    [Fact]
    public async Task A_correction_that_changes_nothing_still_needs_the_current_etag()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var path = $"{OutreachClient.Targets}/{id}";
        var stale = (await worker.GetAsync(path)).ETagOf();
        (await worker.MoveTo(id, "attempting")).EnsureSuccessStatusCode(); // a colleague moved it on meanwhile

        // The same fields as stored: no column would change, yet the caller read an old version.
        var response = await worker.Send(HttpMethod.Put, path, OutreachClient.TargetBody(), stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(0, await system.AuditRows(tenant, id, "update"));
    }

    [Fact]
    public async Task A_target_opened_directly_is_at_identified_and_announced_with_ids_and_codes_only()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);

        var response = await worker.PostAsJsonAsync(OutreachClient.Targets, OutreachClient.TargetBody(riskLevel: "high"));
        var created = await response.CreatedObject();
        var id = created.Id();
        Assert.Equal($"/api/outreach/targets/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("identified", created.Text("stage"));
        Assert.Equal("direct", created.Text("source"));
        Assert.Equal("outreach-worker-1", created.Text("openedBy"));
        Assert.Equal(OutreachClient.TodayInJapan, created.Date("identifiedOn"));

        var read = await worker.GetAsync($"{OutreachClient.Targets}/{id}");
        var target = await read.OkObject();
        Assert.Equal("遠野 一郎", target.Text("name"));
        Assert.Equal("high", target.Text("riskLevel"));
        Assert.Equal("minsei_iin", target.Text("raisedBy"));
        Assert.Equal("aozasa", target.Text("districtCode"));
        Assert.Equal("elder_with_unmarried_adult_child", target.Text("householdType"));
        Assert.Equal(["8050", "social_isolation"], target["concernCodes"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(response.ETagOf(), read.ETagOf());

        var payloads = await system.EventPayloads(tenant, "OutreachTargetOpened");
        var opened = Assert.Single(payloads);
        Assert.Equal(id, opened.Id("TargetId"));
        Assert.Equal("high", opened.Text("RiskLevel"));
        Assert.Equal("aozasa", opened.Text("DistrictCode"));
        Assert.DoesNotContain("遠野", opened.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
    }

    public static TheoryData<string, string> InvalidTargets => new()
    {
        { """{}""", "riskLevel" },
        { """{"riskLevel":"extreme","raisedBy":"neighbour"}""", "riskLevel" },
        { """{"riskLevel":"low"}""", "raisedBy" },
        { """{"riskLevel":"low","raisedBy":"rumour"}""", "raisedBy" },
        { """{"riskLevel":"low","raisedBy":"neighbour","concernCodes":["8050","worries"]}""", "concernCodes" },
        { """{"riskLevel":"low","raisedBy":"neighbour","householdType":"big"}""", "householdType" },
        { """{"riskLevel":"low","raisedBy":"neighbour","identifiedOn":"2999-01-01"}""", "identifiedOn" },
        { $$"""{"riskLevel":"low","raisedBy":"neighbour","name":"{{new string('あ', 201)}}"}""", "name" },
    };

    [Theory]
    [MemberData(nameof(InvalidTargets))]
    public async Task Invalid_targets_are_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        var tenant = Tenants.Fresh();
        var response = await system.Worker(tenant).PostAsync(OutreachClient.Targets, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("targets", tenant));
        Assert.Equal(0, await system.Rows("outbox_messages", tenant));
    }

    [Fact]
    public async Task Only_outreach_workers_open_targets_coordinators_and_managers_read_them_and_other_roles_nothing()
    {
        var tenant = Tenants.Fresh();
        var id = await system.Worker(tenant).NewTargetId();

        foreach (var role in new[] { JusouRoles.Coordinator, JusouRoles.Manager, JusouRoles.IntakeWorker })
        {
            var post = await system.Gateway(tenant, role).PostAsJsonAsync(OutreachClient.Targets, OutreachClient.TargetBody());
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.Equal(1, await system.Rows("targets", tenant));

        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(tenant, JusouRoles.Coordinator).GetAsync($"{OutreachClient.Targets}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"{OutreachClient.Targets}/{id}")).StatusCode);
        foreach (var role in new[] { JusouRoles.IntakeWorker, JusouRoles.CommunityStaff, JusouRoles.AgencyStaff, JusouRoles.Integrator })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, role).GetAsync($"{OutreachClient.Targets}/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Another_tenants_target_is_404_to_read_change_or_move_and_absent_from_lists()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var created = await worker.PostAsJsonAsync(OutreachClient.Targets, OutreachClient.TargetBody());
        var id = (await created.CreatedObject()).Id();
        var etag = created.ETagOf();
        var stranger = system.Worker(Tenants.Fresh());
        var path = $"{OutreachClient.Targets}/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Put, path, OutreachClient.TargetBody(riskLevel: "low"), etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Send(HttpMethod.Put, $"{path}/stage", new { stage = "attempting" }, etag)).StatusCode);
        Assert.Empty((await (await stranger.GetAsync(OutreachClient.Targets)).OkObject()).Items());
        var unchanged = await (await worker.GetAsync(path)).OkObject();
        Assert.Equal("medium", unchanged.Text("riskLevel"));
        Assert.Equal("identified", unchanged.Text("stage"));
    }

    [Fact]
    public async Task Correcting_a_target_needs_if_match_428_without_412_when_stale()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var created = await worker.PostAsJsonAsync(OutreachClient.Targets, OutreachClient.TargetBody());
        var id = (await created.CreatedObject()).Id();
        var path = $"{OutreachClient.Targets}/{id}";
        var corrected = OutreachClient.TargetBody(riskLevel: "high", district: "tsuchibuchi", assignedWorker: "outreach-worker-2");

        await (await worker.Send(HttpMethod.Put, path, corrected, etag: null)).AssertProblem((HttpStatusCode)428);
        await (await worker.Send(HttpMethod.Put, path, corrected, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("medium", (await (await worker.GetAsync(path)).OkObject()).Text("riskLevel"));

        var updated = await worker.Send(HttpMethod.Put, path, corrected, created.ETagOf());
        var body = await updated.OkObject();
        Assert.Equal("high", body.Text("riskLevel"));
        Assert.Equal("tsuchibuchi", body.Text("districtCode"));
        Assert.Equal("outreach-worker-2", body.Text("assignedWorker"));
        Assert.NotEqual(created.ETagOf(), updated.ETagOf());
        // The old version is stale now.
        await (await worker.Send(HttpMethod.Put, path, OutreachClient.TargetBody(), created.ETagOf())).AssertProblem(HttpStatusCode.PreconditionFailed);
        // A bad correction is 400 and changes nothing.
        await (await worker.Send(HttpMethod.Put, path, new { riskLevel = "none", raisedBy = "neighbour" }, updated.ETagOf()))
            .AssertProblem(HttpStatusCode.BadRequest, "riskLevel");
        Assert.Equal(1, await system.AuditRows(tenant, id, "update"));
    }

    [Fact]
    public async Task Opening_with_an_idempotency_key_twice_stores_one_target_and_replays_the_answer()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        HttpRequestMessage Request(object body) => new(HttpMethod.Post, OutreachClient.Targets)
        {
            Content = JsonContent.Create(body, options: Api.Json),
            Headers = { { "Idempotency-Key", "open-target-1" } },
        };

        var first = await worker.SendAsync(Request(OutreachClient.TargetBody()));
        var second = await worker.SendAsync(Request(OutreachClient.TargetBody()));

        Assert.Equal((await first.CreatedObject()).Id(), (await second.CreatedObject()).Id());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await system.Rows("targets", tenant));
        Assert.Equal(1, await system.Events(tenant, "OutreachTargetOpened"));

        var otherBody = await worker.SendAsync(Request(OutreachClient.TargetBody(riskLevel: "high")));
        Assert.Equal((HttpStatusCode)422, otherBody.StatusCode);
        Assert.Equal(1, await system.Rows("targets", tenant));
    }

    [Fact]
    public async Task Stages_move_along_the_allowed_paths_and_an_invalid_transition_is_refused_and_changes_nothing()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var id = await worker.NewTargetId();
        var path = $"{OutreachClient.Targets}/{id}";

        // 把握 straight to つなぎ skips reaching the person: refused.
        await (await worker.MoveTo(id, "connecting")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("identified", (await (await worker.GetAsync(path)).OkObject()).Text("stage"));
        Assert.Equal(0, await system.Events(tenant, "OutreachTargetStageChanged"));

        var read = await worker.GetAsync(path);
        await (await worker.Send(HttpMethod.Put, $"{path}/stage", new { stage = "attempting" }, etag: null)).AssertProblem((HttpStatusCode)428);
        await (await worker.Send(HttpMethod.Put, $"{path}/stage", new { stage = "attempting" }, "\"1\"")).AssertProblem(HttpStatusCode.PreconditionFailed);
        await (await worker.Send(HttpMethod.Put, $"{path}/stage", new { stage = "lost" }, read.ETagOf())).AssertProblem(HttpStatusCode.BadRequest, "stage");

        foreach (var stage in new[] { "attempting", "relationship", "watching" })
        {
            Assert.Equal(stage, (await (await worker.MoveTo(id, stage)).OkObject()).Text("stage"));
        }
        await (await worker.MoveTo(id, "closed")).AssertProblem(HttpStatusCode.BadRequest, "closureReason");
        var closed = await (await worker.MoveTo(id, "closed", "moved_away")).OkObject();
        Assert.Equal("closed", closed.Text("stage"));
        Assert.Equal("moved_away", closed.Text("closureReason"));
        Assert.NotNull(closed["closedAt"]);

        // 終結 is final.
        await (await worker.MoveTo(id, "attempting")).AssertProblem(HttpStatusCode.Conflict);
        var changes = await system.EventPayloads(tenant, "OutreachTargetStageChanged");
        Assert.Equal(4, changes.Count);
        Assert.Equal(("watching", "closed", "moved_away"), (changes[^1].Text("FromStage"), changes[^1].Text("Stage"), changes[^1].Text("ClosureReason")));
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.Coordinator)
            .Send(HttpMethod.Put, $"{path}/stage", new { stage = "attempting" }, "\"1\"")).StatusCode);
    }

    [Fact]
    public async Task Targets_are_listed_by_stage_source_and_district_with_audit_and_bad_filters_are_400()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var aozasa = await worker.NewTargetId(OutreachClient.TargetBody(district: "aozasa"));
        var tsuchibuchi = await worker.NewTargetId(OutreachClient.TargetBody(district: "tsuchibuchi"));
        await (await worker.MoveTo(tsuchibuchi, "attempting")).OkObject();

        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);
        Assert.Equal([aozasa], (await (await coordinator.GetAsync($"{OutreachClient.Targets}?district=aozasa")).OkObject()).Items().Select(t => t.Id()));
        Assert.Equal([tsuchibuchi], (await (await coordinator.GetAsync($"{OutreachClient.Targets}?stage=attempting")).OkObject()).Items().Select(t => t.Id()));
        Assert.Equal(2, (await (await coordinator.GetAsync($"{OutreachClient.Targets}?source=direct")).OkObject()).Items().Count);
        Assert.Empty((await (await coordinator.GetAsync($"{OutreachClient.Targets}?source=concern_report")).OkObject()).Items());

        var first = await (await coordinator.GetAsync($"{OutreachClient.Targets}?pageSize=1")).OkObject();
        Assert.Equal([aozasa], first.Items().Select(t => t.Id()));
        var second = await (await coordinator.GetAsync($"{OutreachClient.Targets}?pageSize=1&pageToken={first.Text("nextPageToken")}")).OkObject();
        Assert.Equal([tsuchibuchi], second.Items().Select(t => t.Id()));

        await (await coordinator.GetAsync($"{OutreachClient.Targets}?stage=lost")).AssertProblem(HttpStatusCode.BadRequest, "stage");
        Assert.True(await system.AuditRows(tenant, aozasa, "search") >= 2);
    }

    [Fact]
    public async Task Codes_carry_japanese_labels_and_the_audit_trail_is_for_managers_only()
    {
        var tenant = Tenants.Fresh();
        var worker = system.Worker(tenant);
        var codes = await (await worker.GetAsync("/api/outreach/codes")).OkObject();
        var stages = codes["stages"]!.AsArray().Select(s => s!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(["把握", "接触試行", "関係づくり", "つなぎ", "継続的見守り", "終結"], stages);
        Assert.Contains(codes["contactOutcomes"]!.AsArray(), o => o!["label"]!.GetValue<string>() == "会えた");

        var id = await worker.NewTargetId();
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/outreach/audit?recordId={id}")).StatusCode);
        var trail = await (await system.Gateway(tenant, JusouRoles.Manager).GetAsync($"/api/outreach/audit?recordId={id}")).OkObject();
        var entry = Assert.Single(trail.Items());
        Assert.Equal("create", entry.Text("action"));
        Assert.Equal("outreach-worker-1", entry.Text("subject"));
    }
}
