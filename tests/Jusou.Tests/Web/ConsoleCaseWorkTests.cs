using System.Net;
using System.Net.Http.Json;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.MultiAgency.Cases;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>
/// The case page's own work (issue #18): the coordinator records the アセスメント, makes the 支援プラン with its goals and
/// 役割分担 and approves it; a plan saved over a newer version is refused and the newer version shown.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsoleCaseWorkTests(SystemFixture system)
{
    [Fact]
    public async Task The_coordinator_records_an_assessment_makes_a_plan_and_approves_it_on_the_case_page()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre", "tono-shakyo");
        using var api = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-1", organisation: "kyodo-centre");
        var caseId = (await api.OpenCase("support_meeting")).Id();
        await api.Move(caseId, "assessment");
        var meetingId = await ApprovingMeeting(api, caseId);
        var (context, page) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var _ = context;
        await page.GotoAsync($"/cases/{caseId}");

        // アセスメント: two areas, the strengths and the summary.
        await page.Locator("summary", new() { HasText = "アセスメントの記録" }).ClickAsync();
        var health = page.GetByRole(AriaRole.Group, new() { Name = "健康", Exact = true });
        await health.GetByLabel("程度").SelectOptionAsync("medium");
        await health.GetByLabel("状況").FillAsync("父が要介護状態。介護保険は未申請。");
        await health.GetByLabel("必要な支援").FillAsync("介護保険の申請支援");
        var participation = page.GetByRole(AriaRole.Group, new() { Name = "社会参加", Exact = true });
        await participation.GetByLabel("程度").SelectOptionAsync("high");
        await participation.GetByLabel("状況").FillAsync("長男が10年以上ひきこもり。");
        await page.GetByLabel("強み（本人・世帯）").FillAsync("母が相談に前向き");
        await page.GetByLabel("まとめ").FillAsync("介護と長男の社会参加を並行して支える。");
        await page.Button("アセスメントを記録する").ClickAsync();
        await page.GetByText("アセスメントを記録しました。").WaitForAsync();
        var areas = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "領域ごとの状況" }) });
        await Assertions.Expect(areas).ToContainTextAsync("父が要介護状態。介護保険は未申請。");
        await Assertions.Expect(areas).ToContainTextAsync("重度");
        await Assertions.Expect(page.Locator("dl.facts", new() { HasText = "強み" })).ToContainTextAsync("母が相談に前向き");

        // 支援プラン: a goal and one 役割分担, as a draft.
        await page.Locator("summary", new() { HasText = "支援プランの作成" }).ClickAsync();
        var goal = page.GetByRole(AriaRole.Group, new() { Name = "目標 1", Exact = true });
        await goal.GetByLabel("目標の種類").SelectOptionAsync("short_term");
        await goal.GetByLabel("目標", new() { Exact = true }).FillAsync("父が介護サービスを利用する");
        var action = page.GetByRole(AriaRole.Group, new() { Name = "役割分担 1", Exact = true });
        await action.GetByLabel("種別").SelectOptionAsync("outreach");
        await action.GetByLabel("担当機関（機関コード）").FillAsync("tono-shakyo");
        await action.GetByLabel("支援の内容").FillAsync("長男への定期訪問");
        await action.GetByLabel("期限").FillAsync("2027-01-31");
        await page.GetByLabel("見直し予定日").FillAsync("2027-03-31");
        await page.Button("支援プランの案を作る").ClickAsync();
        await page.GetByText("支援プランを保存しました。").WaitForAsync();
        await Assertions.Expect(page.GetByText("第1版・案")).ToBeVisibleAsync();

        // プラン作成 → approved at the meeting that discussed the case.
        await page.GetByLabel("次の状態").SelectOptionAsync("planning");
        await page.Button("状態を変更する").ClickAsync();
        await page.GetByText("状態を変更しました。").WaitForAsync();
        await page.Locator("summary", new() { HasText = "支援プランの承認" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("承認した会議").Locator("option")).ToHaveCountAsync(1);
        Assert.Equal(meetingId.ToString(), await page.GetByLabel("承認した会議").InputValueAsync());
        await page.Button("支援プランを承認する").ClickAsync();
        await page.GetByText("支援プランを承認しました。").WaitForAsync();

        await Assertions.Expect(page.GetByText("第1版・承認済")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#plan-goals")).ToContainTextAsync("［短期目標］父が介護サービスを利用する");
        var actions = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "役割分担" }) });
        await Assertions.Expect(actions).ToContainTextAsync("tono-shakyo");
        await Assertions.Expect(actions).ToContainTextAsync("長男への定期訪問");
        await Assertions.Expect(actions).ToContainTextAsync("2027/01/31");
        await page.Screenshot("10-case-plan-approved");
    }

    [Fact]
    public async Task A_plan_saved_over_a_newer_version_is_refused_and_the_newer_plan_shown()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre", "tono-shakyo");
        using var api = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-1", organisation: "kyodo-centre");
        var caseId = (await api.OpenCase("support_meeting")).Id();
        await api.Move(caseId, "assessment");
        var draft = await api.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/plans", new
        {
            goals = new[] { new { text = "最初の目標", term = "long_term" } },
            actions = new[] { new { kind = "outreach", organisationCode = "tono-shakyo", description = "訪問" } },
        });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);

        var (firstContext, first) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var _ = firstContext;
        var (secondContext, second) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-2", "響働 二郎");
        await using var __ = secondContext;
        await first.GotoAsync($"/cases/{caseId}");
        await second.GotoAsync($"/cases/{caseId}");

        await first.Locator("summary", new() { HasText = "支援プランの編集" }).ClickAsync();
        await first.GetByRole(AriaRole.Group, new() { Name = "目標 1", Exact = true }).GetByLabel("目標", new() { Exact = true }).FillAsync("一郎の目標");
        await first.Button("支援プランを保存する").ClickAsync();
        await first.GetByText("支援プランを保存しました。").WaitForAsync();

        // The second page still holds the version it read: its save loses the race.
        await second.Locator("summary", new() { HasText = "支援プランの編集" }).ClickAsync();
        await second.GetByRole(AriaRole.Group, new() { Name = "目標 1", Exact = true }).GetByLabel("目標", new() { Exact = true }).FillAsync("二郎の目標");
        await second.Button("支援プランを保存する").ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("ほかの人が先にこの記録を更新しました");
        await Assertions.Expect(second.GetByText("ほかの人が保存した最新の支援プランです")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator("#plan-goals")).ToContainTextAsync("一郎の目標");
        await Assertions.Expect(second.GetByRole(AriaRole.Group, new() { Name = "目標 1", Exact = true }).GetByLabel("目標", new() { Exact = true }))
            .ToHaveValueAsync("一郎の目標");
        await second.Screenshot("11-plan-lost-race");
    }

    /// <summary>A 重層的支援会議 (a meeting that approves plans) with the case among the cases discussed, recorded through the API.</summary>
    private static async Task<Guid> ApprovingMeeting(HttpClient coordinator, Guid caseId)
    {
        var meeting = await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)),
            type = "multi_layered_support_meeting",
            attendees = new[] { new { organisationCode = "kyodo-centre", role = "secretariat", subjectId = "coord-1" } },
            items = new[] { new { caseId } },
        });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        return (await meeting.ReadObject())["id"]!.GetValue<Guid>();
    }
}
