using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>The 市民後見人 registry: 養成研修, follow-up training, availability and the 中核機関's support.</summary>
[Collection(SystemCollection.Name)]
public sealed class CitizenGuardianTests(SystemFixture system)
{
    [Fact]
    public async Task A_resident_is_registered_trained_followed_up_and_supported()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var response = await staff.PostAsJsonAsync(RightsClient.CitizenGuardians, new { name = "高遠 桜", nameKana = "タカトオ サクラ", registeredOn = "2025-04-01" });
        var created = await response.CreatedObject();
        var id = created.Id();
        Assert.Equal($"{RightsClient.CitizenGuardians}/{id}", response.Headers.Location?.OriginalString);
        Assert.False(created["available"]!.GetValue<bool>());
        var path = $"{RightsClient.CitizenGuardians}/{id}";

        // A フォローアップ研修 follows the 養成研修.
        await (await staff.PostAsJsonAsync($"{path}/trainings", new { kind = "follow_up", on = "2025-06-01" })).AssertProblem(HttpStatusCode.UnprocessableEntity);
        await (await staff.PostAsJsonAsync($"{path}/trainings", new { kind = "foundation", on = "2025-09-30", title = "令和7年度 市民後見人養成研修" })).CreatedObject();
        await (await staff.PostAsJsonAsync($"{path}/trainings", new { kind = "follow_up", on = "2026-07-12" })).CreatedObject();
        var support = await (await staff.PostAsJsonAsync($"{path}/supports", new { kind = "case_meeting", on = "2026-08-01", note = "受任前の打合せ" })).CreatedObject();
        Assert.Equal("case_meeting", support.Text("kind"));

        var citizen = await staff.Read(path);
        Assert.Equal("2025-09-30", citizen.Text("trainingCompletedOn"));
        Assert.True(citizen["available"]!.GetValue<bool>());
        Assert.Equal(["foundation", "follow_up"], citizen["trainings"]!.AsArray().Select(t => t!["kind"]!.GetValue<string>()));
        Assert.Single(citizen["supports"]!.AsArray());
        Assert.Equal(1, await system.AuditRows(tenant, id, "create"));
        Assert.Equal(2, await system.AuditRows(tenant, id, "training"));

        var available = (await staff.Read($"{RightsClient.CitizenGuardians}?available=true")).Items().Select(c => c.Id());
        Assert.Equal([id], available);
        Assert.Equal(0, await system.Rows("outbox_messages", tenant)); // the registry is nobody else's business
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "no name", "name" },
        { "blank name", "name" },
        { "trained in the future", "trainingCompletedOn" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_registration_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        object body = what switch
        {
            "no name" => new { nameKana = "ナナシ" },
            "blank name" => new { name = "  " },
            _ => new { name = "未来 研修", trainingCompletedOn = RightsClient.TodayInJapan.AddDays(3) },
        };

        var response = await system.Staff(tenant).PostAsJsonAsync(RightsClient.CitizenGuardians, body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.Rows("citizen_guardians", tenant));
    }

    [Fact]
    public async Task Coordinators_read_but_do_not_write_and_another_tenant_gets_404()
    {
        var tenant = Tenants.Fresh();
        var id = await GuardianTests.NewCitizenGuardian(system.Staff(tenant), new { name = "箕輪 一", trainingCompletedOn = "2024-03-01" });
        var coordinator = system.Gateway(tenant, JusouRoles.Coordinator);

        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"{RightsClient.CitizenGuardians}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync(RightsClient.CitizenGuardians, new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"{RightsClient.CitizenGuardians}/{id}/supports",
            new { kind = "consultation", on = "2026-08-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await system.Gateway(tenant, JusouRoles.CommunityStaff).GetAsync(RightsClient.CitizenGuardians)).StatusCode);

        var other = system.Staff(Tenants.Fresh());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{RightsClient.CitizenGuardians}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"{RightsClient.CitizenGuardians}/{id}/trainings",
            new { kind = "follow_up", on = "2026-08-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Send(HttpMethod.Patch, $"{RightsClient.CitizenGuardians}/{id}",
            new { available = false }, "\"1\"")).StatusCode);
        Assert.Empty((await other.Read(RightsClient.CitizenGuardians)).Items());
        Assert.Equal(1, await system.Rows("citizen_guardians", tenant));
        Assert.Equal(0, await Sql.Count(system, RightsClient.Database,
            "SELECT count(*) FROM citizen_guardian_supports WHERE citizen_guardian_id = $1", id));
    }

    [Fact]
    public async Task Availability_is_changed_with_if_match()
    {
        var staff = system.Staff(Tenants.Fresh());
        var response = await staff.PostAsJsonAsync(RightsClient.CitizenGuardians, new { name = "辰野 二郎", trainingCompletedOn = "2024-03-01" });
        var id = (await response.CreatedObject()).Id();
        var path = $"{RightsClient.CitizenGuardians}/{id}";

        await (await staff.Send(HttpMethod.Patch, path, new { available = false }, null)).AssertProblem((HttpStatusCode)428);
        var changed = await staff.Send(HttpMethod.Patch, path, new { available = false, notes = "家族の介護のため当面受任不可" }, response.ETagOf());
        Assert.False((await changed.OkObject())["available"]!.GetValue<bool>());
        await (await staff.Send(HttpMethod.Patch, path, new { available = true }, response.ETagOf())).AssertProblem(HttpStatusCode.PreconditionFailed);

        Assert.False((await staff.Read(path))["available"]!.GetValue<bool>());
        Assert.Empty((await staff.Read($"{RightsClient.CitizenGuardians}?available=true")).Items());
    }

    [Fact]
    public async Task A_registration_retried_with_its_idempotency_key_is_stored_once()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var body = new { name = "南箕輪 三郎" };

        var first = await staff.Post(RightsClient.CitizenGuardians, body, "register-1");
        var retry = await staff.Post(RightsClient.CitizenGuardians, body, "register-1");

        Assert.Equal((await first.CreatedObject()).Id(), (await retry.CreatedObject()).Id());
        Assert.Equal(1, await system.Rows("citizen_guardians", tenant));
    }
}
