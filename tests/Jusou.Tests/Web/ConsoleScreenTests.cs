using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>The console's screens beyond the journey: a lost race on If-Match, and accessibility (axe-core, WCAG 2.1 AA).</summary>
[Collection(SystemCollection.Name)]
public sealed class ConsoleScreenTests(SystemFixture system)
{
    [Fact]
    public async Task Minutes_saved_over_a_newer_version_are_refused_and_the_newer_minutes_shown()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre");
        var meetingId = await SupportMeetingOfOneCase(tenant);
        var (firstContext, first) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var _ = firstContext;
        var (secondContext, second) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-2", "響働 二郎");
        await using var __ = secondContext;
        await first.GotoAsync($"/meetings/{meetingId}");
        await second.GotoAsync($"/meetings/{meetingId}");

        await first.GetByLabel("議事録（構成員だけが閲覧）").FillAsync("一郎の議事録: 方針を確認した。");
        await first.Button("議事録を保存する").ClickAsync();
        await first.GetByText("議事録を保存しました。").WaitForAsync();

        // The second page still holds the version it read: its save loses the race.
        await second.GetByLabel("議事録（構成員だけが閲覧）").FillAsync("二郎の議事録: 別の書き方。");
        await second.Button("議事録を保存する").ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("ほかの人が先にこの記録を更新しました");
        await Assertions.Expect(second.GetByLabel("議事録（構成員だけが閲覧）")).ToHaveValueAsync("一郎の議事録: 方針を確認した。");
        await Assertions.Expect(second.GetByLabel("保存されなかったあなたの議事録（写して使えます）")).ToHaveValueAsync("二郎の議事録: 別の書き方。");
        await second.Screenshot("09-minutes-lost-race");
    }

    [Fact]
    public async Task The_main_screens_have_no_serious_accessibility_violations()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre");
        var meetingId = await SupportMeetingOfOneCase(tenant);
        var (context, page) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var _ = context;
        using var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-1", organisation: "kyodo-centre");
        var anyCase = (await (await coordinator.GetAsync("/api/multiagency/cases")).ReadObject())["items"]![0]!["id"]!.GetValue<Guid>();
        var consultation = (await (await coordinator.GetAsync($"/api/multiagency/cases/{anyCase}")).ReadObject())["consultationId"]?.GetValue<Guid?>();

        string[] screens =
        [
            "/", "/intake", "/cases", $"/cases/{anyCase}", "/meetings", "/meetings/new", $"/meetings/{meetingId}", "/reports",
            "/participation", "/outreach", "/community", "/rights", "/intake/duplicates", "/intake/residency-import",
            .. consultation is { } id ? new[] { $"/intake/consultations/{id}" } : [],
        ];
        var failures = new List<string>();
        foreach (var screen in screens)
        {
            await page.GotoAsync(screen);
            var results = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            failures.AddRange(results.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{screen}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A case from a consultation referred to 多機関協働 and a 支援会議 discussing it, recorded through the API.</summary>
    private async Task<Guid> SupportMeetingOfOneCase(string tenant)
    {
        using var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, organisation: "kyodo-centre");
        var consultationId = await intake.ReferConsultation();
        using var coordinator = system.Gateway(tenant, JusouRoles.Coordinator, subject: "coord-1", organisation: "kyodo-centre");
        var supportCase = await Eventually.Get(() => coordinator.FindCase(consultationId), TimeSpan.FromSeconds(30), "the case of the consultation");
        var meeting = await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)),
            type = "support_meeting",
            attendees = new[] { new { organisationCode = "kyodo-centre", role = "secretariat", subjectId = "coord-1" } },
            items = new[] { new { caseId = supportCase["id"]!.GetValue<Guid>() } },
        });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        return (await meeting.ReadObject())["id"]!.GetValue<Guid>();
    }
}
