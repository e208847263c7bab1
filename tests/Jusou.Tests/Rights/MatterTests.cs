using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>Guardianship matters opened directly: roles, validation, tenancy, idempotency and If-Match.</summary>
[Collection(SystemCollection.Name)]
public sealed class MatterTests(SystemFixture system)
{
    [Fact]
    public async Task A_matter_is_opened_at_consultation_announced_and_audited()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var personId = Guid.CreateVersion7();

        var response = await staff.PostAsJsonAsync(RightsClient.Matters, new
        {
            type = "guardianship", petitioner = "mayor", openedOn = "2026-06-01", personId, personName = "伊那 花子", notes = "親族なし",
        });

        var matter = await response.CreatedObject();
        var id = matter.Id();
        Assert.Equal($"{RightsClient.Matters}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("consultation", matter.Text("stage"));
        Assert.Equal("2026-06-01", matter.Text("stageOn"));
        Assert.Equal("direct", matter.Text("source"));
        var first = Assert.Single(matter["stageChanges"]!.AsArray())!.AsObject();
        Assert.Equal("consultation", first.Text("stage"));

        var read = await staff.GetAsync($"{RightsClient.Matters}/{id}");
        var body = await read.OkObject();
        Assert.Equal(response.ETagOf(), read.ETagOf());
        Assert.Equal("伊那 花子", body.Text("personName"));
        Assert.Equal(personId, body.Id("personId"));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipMatterOpened"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(1, await system.AuditRows(tenant, id, "read"));
        // Events carry codes only: the name stays here.
        Assert.Equal(0, await Sql.Count(system, RightsClient.Database,
            "SELECT count(*) FROM outbox_messages WHERE tenant_code = $1 AND payload::text LIKE '%伊那%'", tenant));
    }

    public static TheoryData<string, string> InvalidMatters => new()
    {
        { "unknown type", "type" },
        { "unknown petitioner", "petitioner" },
        { "opened tomorrow", "openedOn" },
        { "name too long", "personName" },
    };

    [Theory]
    [MemberData(nameof(InvalidMatters))]
    public async Task An_invalid_matter_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        object body = what switch
        {
            "unknown type" => new { type = "full_guardianship" },
            "unknown petitioner" => new { petitioner = "prosecutor" },
            "opened tomorrow" => new { openedOn = RightsClient.TodayInJapan.AddDays(2) },
            _ => new { personName = new string('伊', 101) },
        };

        var response = await system.Staff(tenant).PostAsJsonAsync(RightsClient.Matters, body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("guardianship_matters", tenant));
        Assert.Equal(0, await system.Rows("outbox_messages", tenant));
    }

    [Fact]
    public async Task Only_rights_staff_write_coordinators_and_managers_read_and_other_roles_see_nothing()
    {
        var tenant = Tenants.Fresh();
        var (matter, _) = await system.Staff(tenant).NewMatter(new { type = "curatorship" });
        var path = $"{RightsClient.Matters}/{matter.Id()}";

        foreach (var role in new[] { JusouRoles.Coordinator, JusouRoles.Manager })
        {
            var reader = system.Gateway(tenant, role);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync(RightsClient.Matters, new { type = "guardianship" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.MoveStage(matter.Id(), "\"1\"", "preparing", new DateOnly(2026, 6, 1))).StatusCode);
        }
        foreach (var role in new[] { JusouRoles.AgencyStaff, JusouRoles.IntakeWorker, JusouRoles.Integrator })
        {
            var stranger = system.Gateway(tenant, role);
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(RightsClient.Matters)).StatusCode);
        }
        Assert.Equal(1, await system.Rows("guardianship_matters", tenant));
        Assert.Equal(1, await system.MatterRows("matter_stage_changes", matter.Id()));
    }

    [Fact]
    public async Task Another_tenant_gets_404_and_finds_nothing()
    {
        var tenant = Tenants.Fresh();
        var (matter, etag) = await system.Staff(tenant).NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var id = matter.Id();
        var otherTenant = Tenants.Fresh();
        var other = system.Staff(otherTenant);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{RightsClient.Matters}/{id}")).StatusCode);
        Assert.Empty((await other.Read(RightsClient.Matters)).Items());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Patch, $"{RightsClient.Matters}/{id}", new { notes = "x" }, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.MoveStage(id, etag, "preparing", new DateOnly(2026, 5, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians",
            new { kind = "relative", name = "伊那 次郎", appointedOn = "2026-06-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{RightsClient.Matters}/{id}/fee-subsidies",
            new { appliedOn = "2026-06-01", periodFrom = "2026-01-01", periodTo = "2026-05-31", requestedYen = 100000 })).StatusCode);

        Assert.Equal(1, await system.MatterRows("matter_stage_changes", id));
        Assert.Equal(0, await system.Rows("audit_entries", otherTenant));
    }

    [Fact]
    public async Task A_repeated_post_with_the_same_idempotency_key_opens_one_matter()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var body = new { type = "assistance", petitioner = "self", openedOn = "2026-07-01" };

        var first = await staff.Post(RightsClient.Matters, body, "open-1");
        var again = await staff.Post(RightsClient.Matters, body, "open-1");
        var otherBody = await staff.Post(RightsClient.Matters, new { type = "guardianship" }, "open-1");

        var id = (await first.CreatedObject()).Id();
        Assert.Equal(id, (await again.CreatedObject()).Id());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        await otherBody.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await system.Rows("guardianship_matters", tenant));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipMatterOpened"));
    }

    [Fact]
    public async Task A_matter_is_changed_with_if_match_and_a_stale_or_missing_etag_changes_nothing()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { });
        var path = $"{RightsClient.Matters}/{matter.Id()}";
        Assert.Equal("undecided", matter.Text("type"));

        await (await staff.Send(HttpMethod.Patch, path, new { type = "guardianship" }, null)).AssertProblem((HttpStatusCode)428);
        await (await staff.Send(HttpMethod.Patch, path, new { type = "nonsense" }, etag)).AssertProblem(HttpStatusCode.BadRequest, "type");

        var changed = await staff.Send(HttpMethod.Patch, path, new { type = "guardianship", petitioner = "mayor", court = "長野家庭裁判所伊那支部" }, etag);
        var body = await changed.OkObject();
        Assert.Equal("mayor", body.Text("petitioner"));
        Assert.NotEqual(etag, changed.ETagOf());

        await (await staff.Send(HttpMethod.Patch, path, new { type = "assistance" }, etag)).AssertProblem(HttpStatusCode.PreconditionFailed);
        var current = await staff.Read(path);
        Assert.Equal("guardianship", current.Text("type"));
        Assert.Equal("長野家庭裁判所伊那支部", current.Text("court"));
        Assert.Equal(1, await system.AuditRows(tenant, matter.Id(), "update"));
    }

    [Fact]
    public async Task Lists_are_keyset_paged_and_filtered()
    {
        var staff = system.Staff(Tenants.Fresh());
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++) ids.Add((await staff.NewMatter(new { petitioner = i == 1 ? "mayor" : "relative" })).Matter.Id());

        var firstPage = await staff.Read($"{RightsClient.Matters}?pageSize=2");
        Assert.Equal(ids.Take(2), firstPage.Items().Select(m => m.Id()));
        var secondPage = await staff.Read($"{RightsClient.Matters}?pageSize=2&pageToken={firstPage.Text("nextPageToken")}");
        Assert.Equal(ids.Skip(2), secondPage.Items().Select(m => m.Id()));
        Assert.Null(secondPage["nextPageToken"]);

        Assert.Equal([ids[1]], (await staff.Read($"{RightsClient.Matters}?petitioner=mayor")).Items().Select(m => m.Id()));
        await (await staff.GetAsync($"{RightsClient.Matters}?stage=somewhere")).AssertProblem(HttpStatusCode.BadRequest, "stage");
    }
}
