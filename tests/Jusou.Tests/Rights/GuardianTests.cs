using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>Guardians appointed by the 審判 (市民後見人 from the registry) and 報酬助成 applications.</summary>
[Collection(SystemCollection.Name)]
public sealed class GuardianTests(SystemFixture system)
{
    private static readonly (string, DateOnly)[] ToAdjudication =
    [
        ("preparing", new DateOnly(2026, 5, 1)), ("petitioned", new DateOnly(2026, 6, 1)), ("adjudicated", new DateOnly(2026, 7, 15)),
    ];

    [Fact]
    public async Task A_trained_citizen_guardian_is_appointed_serves_and_leaves_office_when_the_matter_ends()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var citizen = await NewCitizenGuardian(staff, new { name = "上伊那 一郎", nameKana = "カミイナ イチロウ", trainingCompletedOn = "2025-03-15" });
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var id = matter.Id();
        etag = await staff.MoveThrough(id, etag, ToAdjudication);

        var appointed = await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians",
            new { kind = "citizen", citizenGuardianId = citizen, appointedOn = "2026-07-20" })).CreatedObject();
        Assert.Equal("上伊那 一郎", appointed.Text("name"));
        Assert.Equal(citizen, appointed.Id("citizenGuardianId"));
        var professional = await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians",
            new { kind = "professional", profession = "judicial_scrivener", name = "司法 書士", appointedOn = "2026-07-20" })).CreatedObject();
        Assert.Equal("judicial_scrivener", professional.Text("profession"));

        var assignment = Assert.Single((await staff.Read($"{RightsClient.CitizenGuardians}/{citizen}"))["currentAssignments"]!.AsArray())!.AsObject();
        Assert.Equal(id, assignment.Id("matterId"));
        Assert.Equal("adjudicated", assignment.Text("matterStage"));
        // Serving already in this matter: not twice.
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians",
            new { kind = "citizen", citizenGuardianId = citizen, appointedOn = "2026-07-21" })).AssertProblem(HttpStatusCode.Conflict);

        etag = await staff.CurrentETag($"{RightsClient.Matters}/{id}");
        await staff.MoveThrough(id, etag, ("started", new DateOnly(2026, 7, 31)), ("ended", new DateOnly(2026, 10, 1)));

        Assert.Empty((await staff.Read($"{RightsClient.CitizenGuardians}/{citizen}"))["currentAssignments"]!.AsArray());
        var guardians = (await staff.Read($"{RightsClient.Matters}/{id}"))["guardians"]!.AsArray();
        Assert.All(guardians, g => Assert.Equal("2026-10-01", g!["endedOn"]!.GetValue<string>()));
        Assert.Equal(2, await system.MatterRows("matter_guardians", id));
    }

    [Fact]
    public async Task No_guardian_is_recorded_before_the_adjudication_nor_dated_before_it()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "relative", openedOn = "2026-04-01" });
        var id = matter.Id();
        var relative = new { kind = "relative", name = "伊那 次郎", appointedOn = "2026-07-20" };

        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians", relative)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        await staff.MoveThrough(id, etag, ToAdjudication);
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians", new { kind = "relative", name = "伊那 次郎", appointedOn = "2026-07-01" }))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(0, await system.MatterRows("matter_guardians", id));
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians", relative)).CreatedObject();
        Assert.Equal(1, await system.MatterRows("matter_guardians", id));
    }

    public static TheoryData<string, string> InvalidGuardians => new()
    {
        { "unknown kind", "kind" },
        { "professional without a name", "name" },
        { "citizen without the registry", "citizenGuardianId" },
        { "citizen not in the registry", "citizenGuardianId" },
        { "profession of a relative", "profession" },
        { "appointed in the future", "appointedOn" },
    };

    [Theory]
    [MemberData(nameof(InvalidGuardians))]
    public async Task An_invalid_appointment_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        await staff.MoveThrough(matter.Id(), etag, ToAdjudication);
        object body = what switch
        {
            "unknown kind" => new { kind = "friend", name = "x", appointedOn = "2026-07-20" },
            "professional without a name" => new { kind = "professional", appointedOn = "2026-07-20" },
            "citizen without the registry" => new { kind = "citizen", appointedOn = "2026-07-20" },
            "citizen not in the registry" => new { kind = "citizen", citizenGuardianId = Guid.CreateVersion7(), appointedOn = "2026-07-20" },
            "profession of a relative" => new { kind = "relative", name = "伊那 次郎", profession = "lawyer", appointedOn = "2026-07-20" },
            _ => (object)new { kind = "relative", name = "伊那 次郎", appointedOn = RightsClient.TodayInJapan.AddDays(2) },
        };

        var response = await staff.PostAsJsonAsync($"{RightsClient.Matters}/{matter.Id()}/guardians", body);

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await system.MatterRows("matter_guardians", matter.Id()));
    }

    [Fact]
    public async Task A_citizen_guardian_still_in_training_or_unavailable_is_not_appointed()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var inTraining = await NewCitizenGuardian(staff, new { name = "研修 中子" });
        var unavailable = await NewCitizenGuardian(staff, new { name = "多忙 太郎", trainingCompletedOn = "2024-03-01", available = false });
        var (matter, etag) = await staff.NewMatter(new { type = "assistance", petitioner = "self", openedOn = "2026-04-01" });
        await staff.MoveThrough(matter.Id(), etag, ToAdjudication);

        foreach (var citizen in new[] { inTraining, unavailable })
        {
            await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{matter.Id()}/guardians",
                new { kind = "citizen", citizenGuardianId = citizen, appointedOn = "2026-07-20" })).AssertProblem(HttpStatusCode.UnprocessableEntity);
        }
        Assert.Equal(0, await system.MatterRows("matter_guardians", matter.Id()));
    }

    [Fact]
    public async Task A_fee_subsidy_is_applied_for_once_a_guardian_serves_and_decided_once()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var id = matter.Id();
        var application = new { appliedOn = "2026-11-10", periodFrom = "2026-07-20", periodTo = "2026-10-31", requestedYen = 80000 };

        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/fee-subsidies", application)).AssertProblem(HttpStatusCode.UnprocessableEntity);
        await staff.MoveThrough(id, etag, ToAdjudication);
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/guardians",
            new { kind = "corporate", name = "上伊那権利擁護法人", appointedOn = "2026-07-20" })).CreatedObject();
        await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/fee-subsidies",
            new { appliedOn = "2026-11-10", periodFrom = "2026-10-31", periodTo = "2026-07-20", requestedYen = 80000 })).AssertProblem(HttpStatusCode.BadRequest, "periodTo");
        Assert.Equal(0, await system.MatterRows("fee_subsidy_applications", id));

        var applied = await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{id}/fee-subsidies", application)).CreatedObject();
        Assert.Equal("applied", applied.Text("status"));
        var decisionPath = $"{RightsClient.Matters}/{id}/fee-subsidies/{applied.Id()}/decision";

        await (await staff.PostAsJsonAsync(decisionPath, new { status = "granted", decidedOn = "2026-11-20", grantedYen = 90000 }))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
        await (await staff.PostAsJsonAsync(decisionPath, new { status = "granted", decidedOn = "2026-11-20" })).AssertProblem(HttpStatusCode.BadRequest, "grantedYen");
        var granted = await (await staff.PostAsJsonAsync(decisionPath, new { status = "granted", decidedOn = "2026-11-20", grantedYen = 72000 })).OkObject();
        Assert.Equal(72000, granted["grantedYen"]!.GetValue<int>());
        await (await staff.PostAsJsonAsync(decisionPath, new { status = "refused", decidedOn = "2026-11-21" })).AssertProblem(HttpStatusCode.Conflict);

        var subsidy = Assert.Single((await staff.Read($"{RightsClient.Matters}/{id}"))["feeSubsidies"]!.AsArray())!.AsObject();
        Assert.Equal("granted", subsidy.Text("status"));
        Assert.Equal("2026-11-20", subsidy.Text("decidedOn"));
        Assert.Equal(HttpStatusCode.Forbidden,
            (await system.Gateway(tenant, JusouRoles.Manager).PostAsJsonAsync($"{RightsClient.Matters}/{id}/fee-subsidies", application)).StatusCode);
    }

    [Fact]
    public async Task A_guardian_leaves_office_on_a_date_after_the_appointment()
    {
        var staff = system.Staff(Tenants.Fresh());
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "relative", openedOn = "2026-04-01" });
        await staff.MoveThrough(matter.Id(), etag, ToAdjudication);
        var guardian = await (await staff.PostAsJsonAsync($"{RightsClient.Matters}/{matter.Id()}/guardians",
            new { kind = "relative", name = "伊那 次郎", appointedOn = "2026-07-20" })).CreatedObject();
        var endPath = $"{RightsClient.Matters}/{matter.Id()}/guardians/{guardian.Id()}/end";

        await (await staff.PostAsJsonAsync(endPath, new { endedOn = "2026-07-01" })).AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("2026-09-01", (await (await staff.PostAsJsonAsync(endPath, new { endedOn = "2026-09-01" })).OkObject()).Text("endedOn"));
        await (await staff.PostAsJsonAsync(endPath, new { endedOn = "2026-09-02" })).AssertProblem(HttpStatusCode.Conflict);
    }

    internal static async Task<Guid> NewCitizenGuardian(HttpClient staff, object body) =>
        (await (await staff.PostAsJsonAsync(RightsClient.CitizenGuardians, body)).CreatedObject()).Id();
}
