using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>
/// Long work on the console (issue #18): a manager imports a 住民異動 file and sees each line's outcome; a report CSV is
/// made and saved as a file. While the work runs, the page says so (busy.js: a role="status" region with a progress
/// bar). The requests are held by the test until that is seen, so no timing is assumed.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsoleLongWorkTests(SystemFixture system)
{
    [Fact]
    public async Task A_manager_imports_a_residency_file_and_sees_each_line_with_its_outcome()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre");
        using (var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, organisation: "kyodo-centre"))
        {
            await intake.NewPerson(new { name = "遠野 四郎", nameKana = "トオノ シロウ", atenaNumber = "7100001" });
        }
        // As a 宛名 system writes it: Shift_JIS, Japanese headers; the second 宛名番号 is nobody Jusou knows.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Encoding.GetEncoding(932).GetBytes("宛名番号,異動事由,異動日,氏名\r\n7100001,転出,2026-11-20,\r\n7999999,転出,2026-11-20,\r\n");

        var (context, page) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Manager, "kyodo-centre", "manager-1", "管理 一子");
        await using var _ = context;
        await page.GetByRole(AriaRole.Link, new() { Name = "住民異動の取り込み", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "住民異動の取り込み", Level = 1 }).WaitForAsync();
        await page.GetByLabel("住民異動ファイル（CSV・必須）").SetInputFilesAsync(new FilePayload { Name = "idou-20261120.csv", MimeType = "text/csv", Buffer = file });

        // While the import is on its way, the page says it is working: what the form showed is noted by the page itself
        // (sessionStorage outlives the navigation) and read once the answer is shown.
        await page.EvaluateAsync(WatchBusy);
        await page.Button("取り込む").ClickAsync();

        await Assertions.Expect(page.Locator("p.done")).ToContainTextAsync("取り込みました。2 行のうち、反映 1 行");
        await Assertions.Expect(Table(page, "反映した異動（1 行）").Locator("tbody tr td"))
            .ToHaveTextAsync(["2", "7100001", "転出", "反映済み（支援中のケース・アウトリーチ対象に注意喚起）"]);
        await Assertions.Expect(Table(page, "照合できなかった異動（1 行）").Locator("tbody tr td"))
            .ToHaveTextAsync(["3", "7999999", "転出", "照合できず（この宛名番号の人が登録されていません）"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.Equal("取り込んでいます…|aria-busy=true|progress", await page.EvaluateAsync<string?>("() => sessionStorage.getItem('busy-seen')"));
        await page.Screenshot("11-residency-import-report");
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));

        // A file the API cannot read is refused with what to do, and nothing changes.
        await page.GetByLabel("住民異動ファイル（CSV・必須）").SetInputFilesAsync(new FilePayload
        {
            Name = "other.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("番号,事由\r\n1,転出\r\n"),
        });
        await page.Button("取り込む").ClickAsync();
        var refusal = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(refusal).ToContainTextAsync("見出し行に必要な列がありません。");
        await Assertions.Expect(refusal).ToContainTextAsync("「宛名番号」「異動事由」「異動日」の列名があるか確かめて");
    }

    [Fact]
    public async Task A_report_csv_is_made_with_progress_shown_and_saved_as_a_file()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre");
        var (context, page) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var _ = context;
        // Only managers import 住民異動.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "住民異動の取り込み" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "帳票", Exact = true }).ClickAsync();
        var link = page.GetByRole(AriaRole.Link, new() { Name = "CSV をダウンロード（Excel 用）" });
        var status = page.Locator(".actions + [role=status]");

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var csvRequests = new Regex("/reports/case-conference\\.csv");
        await page.RouteAsync(csvRequests, async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var download = await page.RunAndWaitForDownloadAsync(async () =>
        {
            await link.ClickAsync();
            await Assertions.Expect(status).ToContainTextAsync("作成しています…");
            await Assertions.Expect(status.Locator("progress")).ToBeVisibleAsync();
            await Assertions.Expect(link).ToHaveAttributeAsync("aria-busy", "true");
            await page.Screenshot("12-report-csv-in-progress");
            release.SetResult();
        });
        Assert.Matches("^case-conference-[0-9]{8}-[0-9]{8}\\.csv$", download.SuggestedFilename);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF');
        Assert.Equal("区分,コード,項目,件数,実人員", csv.Split("\r\n")[0]);
        Assert.Contains("開催回数,,開催回数,0,", csv, StringComparison.Ordinal);
        await Assertions.Expect(status).ToHaveTextAsync("ダウンロードしました。");
        await Assertions.Expect(link).Not.ToHaveAttributeAsync("aria-busy", "true");

        // The console cannot be reached: said in Japanese with what to do, and the link works again afterwards.
        await page.UnrouteAsync(csvRequests);
        await page.RouteAsync(csvRequests, route => route.AbortAsync());
        await link.ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("システムに接続できません。");
        await Assertions.Expect(alert).ToContainTextAsync("しばらく待ってからもう一度お試しください。");
        await page.UnrouteAsync(csvRequests);

        // An API refusal comes back to the script as the problem in Japanese (not as a redirect to the page).
        var (workerContext, worker) = await ConsolePages.SignedIn(system, tenant, JusouRoles.IntakeWorker, "kyodo-centre", "intake-1", "相談 花子");
        await using var __ = workerContext;
        var refused = await worker.APIRequest.GetAsync($"{new Uri(page.Url).GetLeftPart(UriPartial.Authority)}/reports/case-conference.csv",
            new() { Headers = new Dictionary<string, string> { ["Accept"] = "text/csv, application/problem+json;q=0.9" }, MaxRedirects = 0 });
        Assert.Equal(403, refused.Status);
        var problem = JsonNode.Parse(await refused.TextAsync())!;
        Assert.Equal("この操作を行う権限がありません。", problem["message"]!.GetValue<string>());
        Assert.Equal("担当者または管理者に依頼してください。この試みは記録されました。", problem["advice"]!.GetValue<string>());
    }

    /// <summary>Notes in sessionStorage what the busy form shows: the status text, aria-busy, the bar.</summary>
    private const string WatchBusy = """
        () => {
            sessionStorage.removeItem("busy-seen");
            const form = document.querySelector("form[data-busy]");
            new MutationObserver(() => {
                const status = form.querySelector("[role=status]");
                if (form.getAttribute("aria-busy") === "true" && status && status.textContent) {
                    sessionStorage.setItem("busy-seen", `${status.textContent}|aria-busy=true|${status.querySelector("progress") ? "progress" : "no bar"}`);
                }
            }).observe(form, { attributes: true, childList: true, subtree: true, characterData: true });
        }
        """;

    private static ILocator Table(IPage page, string caption) =>
        page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = caption }) });
}
