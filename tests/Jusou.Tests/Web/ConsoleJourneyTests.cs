using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>
/// The console in a real browser (headless chromium) against the real system, as staff use it: the 丸ごと相談員 receives a
/// consultation and links it to the person, the coordinator sees the case, puts it on a 支援会議's agenda, decides and
/// downloads the report; someone outside the meeting is refused its minutes on screen.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConsoleJourneyTests(SystemFixture system)
{
    private static readonly TimeSpan Hop = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_consultation_becomes_a_case_decided_at_a_support_meeting_and_counted_in_the_report()
    {
        var tenant = await system.FreshTenantWith("kyodo-centre", "tono-shakyo");
        // A person a colleague recorded earlier.
        using (var intakeApi = system.Gateway(tenant, JusouRoles.IntakeWorker))
        {
            await intakeApi.CreatePerson("遠野 太郎", "トオノ タロウ", new DateOnly(1975, 5, 5));
        }

        // 相談受付: anonymous first.
        var (counterContext, counter) = await ConsolePages.SignedIn(system, tenant, JusouRoles.IntakeWorker, "kyodo-centre", "intake-1", "相談 花子");
        await using var _ = counterContext;
        await counter.Screenshot("01-today-intake-worker");
        await counter.GetByRole(AriaRole.Link, new() { Name = "相談受付", Exact = true }).ClickAsync();
        await counter.GetByLabel("受付方法（必須）").SelectOptionAsync("counter");
        await counter.GetByLabel("相談経路").SelectOptionAsync("family");
        await counter.GetByLabel("相談内容（主）").SelectOptionAsync("8050");
        await counter.GetByLabel("社会的孤立(ニート・ひきこもり含む)").CheckAsync();
        await counter.GetByLabel("相談の概要").FillAsync("父親の介護と、息子のひきこもりについて家族が来所");
        await counter.Screenshot("02-intake-form");
        await counter.Button("受け付ける").ClickAsync();
        await counter.GetByText("相談を受け付けました。").WaitForAsync();
        var consultationUrl = counter.Url.Split('?')[0];
        var consultationId = Guid.Parse(consultationUrl.Split('/').Last());

        // Found by kana, in hiragana while the record has katakana.
        await counter.GetByLabel("氏名またはフリガナで探す").FillAsync("とおの たろう");
        await counter.Button("探す").ClickAsync();
        await counter.GetByRole(AriaRole.Button, new() { Name = "遠野 太郎（トオノ タロウ）をこの相談の本人として結び付ける" }).ClickAsync();
        await counter.Locator("dd", new() { HasText = "トオノ タロウ" }).WaitForAsync();

        // The consent rule at work: without consent, 参加支援 is refused and the refusal is shown, not hidden.
        await counter.GetByLabel("対応", new() { Exact = true }).SelectOptionAsync("participation");
        await counter.GetByLabel("支援会議(社会福祉法第106条の6・守秘義務)").CheckAsync();
        await counter.Button("対応を決定する").ClickAsync();
        await counter.GetByRole(AriaRole.Alert).GetByText("本人の同意がないため、この共有はできません（同意ルール）。").WaitForAsync();
        await counter.Screenshot("03-consultation-refused-by-the-consent-rule");
        // …while the 支援会議 exception covers 多機関協働.
        await counter.GetByLabel("対応", new() { Exact = true }).SelectOptionAsync("multi_agency");
        await counter.GetByLabel("支援会議(社会福祉法第106条の6・守秘義務)").CheckAsync();
        await counter.Button("対応を決定する").ClickAsync();
        await counter.GetByText("対応は決定済みです").WaitForAsync();

        // The coordinator sees the case MultiAgency opened for it.
        var (coordinatorContext, coordinator) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "kyodo-centre", "coord-1", "響働 一郎");
        await using var __ = coordinatorContext;
        await coordinator.GotoAsync($"/cases?consultationId={consultationId}");
        var caseLink = coordinator.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^ケース [0-9a-f]{8}$") });
        await coordinator.ReloadUntilVisible(caseLink, Hop);
        await caseLink.ClickAsync();
        await coordinator.Locator("dd", new() { HasText = "遠野 太郎（トオノ タロウ）" }).WaitForAsync();
        var caseUrl = coordinator.Url;

        // Put on a 支援会議's agenda, decided there.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "このケースを会議に載せる" }).ClickAsync();
        await coordinator.GetByLabel("会議の種類").SelectOptionAsync("support_meeting");
        await coordinator.Button("会議を記録する").ClickAsync();
        await coordinator.GetByRole(AriaRole.Heading, new() { Name = "検討したケースと方針" }).WaitForAsync();
        var meetingUrl = coordinator.Url.Split('?')[0];
        await coordinator.GetByLabel("方針を決める").SelectOptionAsync("to_multi_agency");
        await coordinator.GetByLabel("メモ（構成員だけが閲覧）").FillAsync("父の介護保険申請を優先。息子への訪問は社協と調整。");
        await coordinator.Button("方針を記録する").ClickAsync();
        await coordinator.GetByText("方針を記録しました。").WaitForAsync();
        await coordinator.GetByLabel("議事録（構成員だけが閲覧）").FillAsync("8050世帯について協議。多機関協働事業として支援を開始する。");
        await coordinator.Button("議事録を保存する").ClickAsync();
        await coordinator.GetByText("議事録を保存しました。").WaitForAsync();
        await Assertions.Expect(coordinator.GetByText("方針: 多機関協働事業へ")).ToBeVisibleAsync();
        await coordinator.Screenshot("04-support-meeting");

        // The decision acts: the case moves into アセスメント, and its timeline says where it was discussed.
        await coordinator.GotoAsync(caseUrl);
        await coordinator.ReloadUntilVisible(coordinator.Locator("dd strong", new() { HasText = "アセスメント" }), Hop);
        await Assertions.Expect(coordinator.Locator(".timeline")).ToContainTextAsync("多機関協働事業へ");
        await coordinator.GetByRole(AriaRole.Textbox, new() { Name = "内容", Exact = true }).FillAsync("長男と初回面談。昼夜逆転、外出は夜間のコンビニのみ。");
        await coordinator.Button("支援経過を記録する").ClickAsync();
        await coordinator.GetByText("支援経過を記録しました。").WaitForAsync();
        await coordinator.Screenshot("05-case");

        // The report, on screen and as the CSV file.
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "帳票", Exact = true }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("dl.facts")).ToContainTextAsync("1 回");
        await coordinator.Screenshot("06-report");
        var download = await coordinator.RunAndWaitForDownloadAsync(() =>
            coordinator.GetByRole(AriaRole.Link, new() { Name = "CSV をダウンロード（Excel 用）" }).ClickAsync());
        var csvPath = await download.PathAsync();
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(csvPath));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("開催回数,,開催回数,1,", csv, StringComparison.Ordinal);
        Assert.Contains("多機関協働事業へ", csv, StringComparison.Ordinal);

        // Not a member of that 支援会議: refused on screen, with the reason.
        var (outsiderContext, outsider) = await ConsolePages.SignedIn(system, tenant, JusouRoles.Coordinator, "tono-shakyo", "coord-2", "社協 次郎");
        await using var ___ = outsiderContext;
        await outsider.GotoAsync(meetingUrl);
        await outsider.GetByRole(AriaRole.Heading, new() { Name = "支援会議の内容は構成員だけが閲覧できます" }).WaitForAsync();
        await Assertions.Expect(outsider.GetByRole(AriaRole.Alert)).ToContainTextAsync("この支援会議の構成員ではないため");
        await Assertions.Expect(outsider.GetByText("8050世帯について協議")).ToHaveCountAsync(0);
        await outsider.Screenshot("07-support-meeting-refused");

        await coordinator.GotoAsync("/");
        await coordinator.Screenshot("08-today-coordinator");
    }
}
