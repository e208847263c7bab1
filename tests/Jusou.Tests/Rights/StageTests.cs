using System.Net;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Rights;

/// <summary>Stages with dates: 相談 → 申立準備 → 申立 → 審判 → 開始 → 定期報告 → 終了, in order, dated in order, never in the future.</summary>
[Collection(SystemCollection.Name)]
public sealed class StageTests(SystemFixture system)
{
    [Fact]
    public async Task A_mayors_petition_moves_through_every_stage_with_its_dates_and_each_step_is_announced()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-10" });
        var id = matter.Id();

        etag = await staff.MoveThrough(id, etag, ("preparing", new DateOnly(2026, 5, 1)));
        var petition = await staff.MoveStage(id, etag, "petitioned", new DateOnly(2026, 6, 1), court: "長野家庭裁判所伊那支部", caseNumber: "令和8年(家)第123号");
        await petition.CreatedObject();
        etag = petition.ETagOf();
        etag = await staff.MoveThrough(id, etag,
            ("adjudicated", new DateOnly(2026, 7, 15)),
            ("started", new DateOnly(2026, 7, 31)),
            ("reporting", new DateOnly(2026, 9, 30)),
            ("reporting", new DateOnly(2026, 10, 31)),
            ("ended", new DateOnly(2026, 11, 10)));

        var done = await staff.Read($"{RightsClient.Matters}/{id}");
        Assert.Equal("ended", done.Text("stage"));
        Assert.Equal("2026-11-10", done.Text("stageOn"));
        Assert.Equal("death", done.Text("endReason"));
        Assert.Equal("令和8年(家)第123号", done.Text("caseNumber"));
        Assert.Equal("長野家庭裁判所伊那支部", done.Text("court"));
        var steps = done["stageChanges"]!.AsArray().Select(s => (s!["stage"]!.GetValue<string>(), s["on"]!.GetValue<string>())).ToList();
        Assert.Equal(
        [
            ("consultation", "2026-04-10"), ("preparing", "2026-05-01"), ("petitioned", "2026-06-01"), ("adjudicated", "2026-07-15"),
            ("started", "2026-07-31"), ("reporting", "2026-09-30"), ("reporting", "2026-10-31"), ("ended", "2026-11-10"),
        ], steps);

        Assert.Equal(7, await system.Events(tenant, "GuardianshipStageChanged"));
        var petitioned = Assert.Single(await Events.Published<GuardianshipStageChanged>(system, RightsClient.Database,
            e => e.TenantCode == tenant && e.MatterId == id && e.FromStage == "preparing"));
        Assert.Equal(("petitioned", new DateOnly(2026, 6, 1)), (petitioned.Stage, petitioned.On));
        Assert.Equal(7, await system.AuditRows(tenant, id, "stage_change"));

        // An ended matter stays ended.
        await (await staff.MoveStage(id, etag, "reporting", new DateOnly(2026, 11, 20))).AssertProblem(HttpStatusCode.UnprocessableEntity);
    }

    public static TheoryData<string, string, string> OutOfOrder => new()
    {
        // from, to, date of the attempted step (the matter reached "from" on 2026-06-01)
        { "preparing", "adjudicated", "2026-07-01" },   // no 審判 before 申立
        { "consultation", "petitioned", "2026-07-01" }, // no 申立 without preparing it
        { "petitioned", "started", "2026-07-01" },      // no 開始 without a 審判
        { "preparing", "petitioned", "2026-05-31" },    // dated before the stage it follows
        { "petitioned", "adjudicated", "2026-05-15" },
    };

    [Theory]
    [MemberData(nameof(OutOfOrder))]
    public async Task A_step_out_of_order_or_dated_before_the_last_is_refused_and_nothing_is_stored(string from, string to, string on)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var id = matter.Id();
        (string, DateOnly)[] steps = from switch
        {
            "consultation" => [],
            "preparing" => [("preparing", new DateOnly(2026, 6, 1))],
            _ => [("preparing", new DateOnly(2026, 5, 1)), ("petitioned", new DateOnly(2026, 6, 1))],
        };
        etag = await staff.MoveThrough(id, etag, steps);
        var changesBefore = await system.MatterRows("matter_stage_changes", id);
        var eventsBefore = await system.Events(tenant, "GuardianshipStageChanged");

        var response = await staff.MoveStage(id, etag, to, DateOnly.Parse(on));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        var current = await staff.GetAsync($"{RightsClient.Matters}/{id}");
        Assert.Equal(from, (await current.OkObject()).Text("stage"));
        Assert.Equal(etag, current.ETagOf());
        Assert.Equal(changesBefore, await system.MatterRows("matter_stage_changes", id));
        Assert.Equal(eventsBefore, await system.Events(tenant, "GuardianshipStageChanged"));
    }

    public static TheoryData<string, string> InvalidSteps => new()
    {
        { "in the future", "on" },
        { "no date", "on" },
        { "unknown stage", "stage" },
        { "ended without reason", "endReason" },
        { "reason without end", "endReason" },
        { "before 2000", "on" },
    };

    [Theory]
    [MemberData(nameof(InvalidSteps))]
    public async Task An_invalid_step_is_400_naming_the_field_and_nothing_is_stored(string what, string field)
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "relative", openedOn = "2026-04-01" });
        var id = matter.Id();

        var response = what switch
        {
            "in the future" => await staff.MoveStage(id, etag, "preparing", RightsClient.TodayInJapan.AddDays(2)),
            "no date" => await staff.MoveStage(id, etag, "preparing", null),
            "unknown stage" => await staff.MoveStage(id, etag, "hearing", new DateOnly(2026, 5, 1)),
            "ended without reason" => await staff.MoveStage(id, etag, "ended", new DateOnly(2026, 5, 1)),
            "reason without end" => await staff.MoveStage(id, etag, "preparing", new DateOnly(2026, 5, 1), endReason: "death"),
            _ => await staff.MoveStage(id, etag, "preparing", new DateOnly(1999, 5, 1)),
        };

        await response.AssertProblem(HttpStatusCode.BadRequest, field);
        Assert.Equal(1, await system.MatterRows("matter_stage_changes", id));
        Assert.Equal(0, await system.Events(tenant, "GuardianshipStageChanged"));
    }

    [Fact]
    public async Task A_petition_needs_a_decided_type_and_petitioner()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { petitioner = "mayor", openedOn = "2026-04-01" });
        etag = await staff.MoveThrough(matter.Id(), etag, ("preparing", new DateOnly(2026, 5, 1)));

        await (await staff.MoveStage(matter.Id(), etag, "petitioned", new DateOnly(2026, 6, 1))).AssertProblem(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(2, await system.MatterRows("matter_stage_changes", matter.Id()));
        var patched = await staff.Send(HttpMethod.Patch, $"{RightsClient.Matters}/{matter.Id()}", new { type = "curatorship" }, etag);
        await patched.OkObject();
        await (await staff.MoveStage(matter.Id(), patched.ETagOf(), "petitioned", new DateOnly(2026, 6, 1))).CreatedObject();
        // Once petitioned, the type cannot go back to undecided.
        var current = await staff.CurrentETag($"{RightsClient.Matters}/{matter.Id()}");
        await (await staff.Send(HttpMethod.Patch, $"{RightsClient.Matters}/{matter.Id()}", new { type = "undecided" }, current))
            .AssertProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_stage_change_needs_the_current_etag()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var id = matter.Id();

        await (await staff.MoveStage(id, null, "preparing", new DateOnly(2026, 5, 1))).AssertProblem((HttpStatusCode)428);
        await staff.MoveThrough(id, etag, ("preparing", new DateOnly(2026, 5, 1)));
        // A second worker who read the first version also files the petition: refused, not applied twice.
        await (await staff.MoveStage(id, etag, "petitioned", new DateOnly(2026, 6, 1))).AssertProblem(HttpStatusCode.PreconditionFailed);

        Assert.Equal("preparing", (await staff.Read($"{RightsClient.Matters}/{id}")).Text("stage"));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipStageChanged"));
    }

    [Fact]
    public async Task A_stage_change_retried_with_its_idempotency_key_is_applied_once()
    {
        var tenant = Tenants.Fresh();
        var staff = system.Staff(tenant);
        var (matter, etag) = await staff.NewMatter(new { type = "guardianship", petitioner = "mayor", openedOn = "2026-04-01" });
        var body = new { stage = "preparing", on = "2026-05-01" };
        var path = $"{RightsClient.Matters}/{matter.Id()}/stage-changes";

        var first = await staff.Send(HttpMethod.Post, path, body, etag, "step-1");
        var retry = await staff.Send(HttpMethod.Post, path, body, etag, "step-1");

        await first.CreatedObject();
        await retry.CreatedObject();
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(2, await system.MatterRows("matter_stage_changes", matter.Id()));
        Assert.Equal(1, await system.Events(tenant, "GuardianshipStageChanged"));
    }
}
