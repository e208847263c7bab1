using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;
using Jusou.Tests.MultiAgency.Cases;

namespace Jusou.Tests.Forms;

/// <summary>
/// The printable pages print through the gateway: its Content-Security-Policy lets each page's own stylesheet through
/// (by hash) and nothing else, so chromium prints them on A4 with their borders; the PDF the service prints for a
/// download is the same page.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PrintedPageTests(SystemFixture system)
{
    [Fact]
    public async Task The_intake_sheet_prints_on_A4_with_its_borders_and_its_household_and_each_print_is_audited()
    {
        var tenant = Tenants.Fresh();
        var client = system.Gateway(tenant, JusouRoles.IntakeWorker);
        var person = await client.NewPersonId("遠野 花子", "トオノ ハナコ", new DateOnly(1950, 4, 1));
        var son = await client.NewPersonId("遠野 一郎", "トオノ イチロウ", new DateOnly(1975, 6, 1));
        var household = await client.PostAsJsonAsync("/api/intake/households", new
        {
            householdType = "elder_with_unmarried_adult_child",
            members = new[] { new { personId = person, relationship = "self" }, new { personId = son, relationship = "child" } },
        });
        Assert.Equal(HttpStatusCode.Created, household.StatusCode);
        var id = Responses.Id(await client.NewConsultation(new { channel = "counter", personId = person, mainConcern = "8050", summary = "父親の介護と息子のひきこもり" }));
        var sheet = $"/api/intake/consultations/{id}/sheet";

        var page = await (await client.GetAsync(sheet)).Content.ReadAsStringAsync();
        Assert.Contains("遠野 一郎", page);
        Assert.Contains("<td>子</td>", page);

        var printed = await system.PrintInBrowser(client, sheet, "intake-sheet");
        Printing.AssertPrinted(printed, "インテークシート", "遠野 花子", "世帯構成", "遠野 一郎", "父親の介護と息子のひきこもり");
        var downloaded = await client.DownloadPdf($"{sheet}?format=pdf", "intake-sheet");
        Printing.AssertPrinted(downloaded, "インテークシート", "遠野 花子", "世帯構成", "遠野 一郎", "父親の介護と息子のひきこもり");

        Assert.Equal(3, await system.AuditRows(tenant, son, "print"));

        // 相談受付・申込票 in both versions: with consent it has the places to sign the 申込 and the consent.
        var form = $"/api/intake/consultations/{id}/application-form";
        var withConsent = await system.PrintInBrowser(client, $"{form}?version=with_consent", "application-form-with-consent");
        Printing.AssertPrinted(withConsent, "相談受付・申込票(本人同意あり)", "遠野 花子", "本人署名", "同意します");
        var withoutConsent = await system.PrintInBrowser(client, $"{form}?version=without_consent", "application-form-without-consent");
        Printing.AssertPrinted(withoutConsent, "相談受付・申込票(本人同意なし)", "支援会議", "受付者署名");
        Assert.DoesNotContain("本人 署名", await (await client.GetAsync($"{form}?version=without_consent")).Content.ReadAsStringAsync());
        await Responses.AssertProblem(await client.GetAsync($"{form}?version=maybe"), HttpStatusCode.BadRequest, "version");
        Assert.Equal(6, await system.AuditRows(tenant, id, "print"));
        await Responses.AssertProblem(await client.GetAsync($"{sheet}?format=docx"), HttpStatusCode.BadRequest, "format");
    }

    [Fact]
    public async Task The_case_conference_report_prints_on_A4_with_its_borders()
    {
        var coordinator = system.Coordinator(Tenants.Fresh());
        const string report = "/api/multiagency/reports/case-conference?fiscalYear=2021&format=";

        var printed = await system.PrintInBrowser(coordinator, report + "html", "case-conference");
        Printing.AssertPrinted(printed, "支援会議 開催状況", "令和3年度", "○開催回数", "0回", "多機関協働事業分");
        var downloaded = await coordinator.DownloadPdf(report + "pdf", "case-conference");
        Printing.AssertPrinted(downloaded, "支援会議 開催状況", "令和3年度", "○開催回数", "0回", "多機関協働事業分");
    }

    [Fact]
    public async Task The_plan_form_and_evaluation_sheet_print_with_the_places_to_sign_and_each_print_is_audited()
    {
        var tenant = Tenants.Fresh();
        var (caseId, planId, _) = await system.CaseWithDraft(tenant, actions: 2);
        var coordinator = system.Coordinator(tenant);
        var form = $"/api/multiagency/cases/{caseId}/plans/{planId}/form";

        var html = await (await coordinator.GetAsync(form)).Content.ReadAsStringAsync();
        Assert.Contains("<td class=\"mark\">○</td><th>参加支援</th>", html); // the plan's actions tick their projects
        Assert.Contains("<td class=\"mark\"></td><th>権利擁護</th>", html);
        Assert.Contains("<th>本人 署名</th><td class=\"signature\"></td>", html);

        var printed = await system.PrintInBrowser(coordinator, form, "plan-form");
        Printing.AssertPrinted(printed, "プラン兼事業等利用申込書", "母が介護サービスを利用する", "org-1", "本人署名", "役割分担");
        Printing.AssertPrinted(await coordinator.DownloadPdf($"{form}?format=pdf", "plan-form"), "プラン兼事業等利用申込書", "本人署名");
        var evaluation = await system.PrintInBrowser(coordinator, $"/api/multiagency/cases/{caseId}/plans/{planId}/evaluation-sheet", "evaluation-sheet");
        Printing.AssertPrinted(evaluation, "評価シート", "本人が居場所に通う", "目標ごとの評価");

        // 支援経過記録: the case's entries in date order.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/multiagency/cases/{caseId}/progress-records",
            new { kind = "visit", text = "長男と話せた", on = "2026-10-05" })).StatusCode);
        var progress = await system.PrintInBrowser(coordinator, $"/api/multiagency/cases/{caseId}/progress-records/sheet", "progress-records");
        Printing.AssertPrinted(progress, "支援経過記録", "令和8年10月5日", "訪問", "長男と話せた");

        // アセスメントシート: the case's current assessment.
        var saved = await coordinator.PutAsJsonAsync($"/api/multiagency/cases/{caseId}/assessment", new
        {
            assessedOn = "2026-10-01",
            areas = new[] { new { area = "care", severity = "high", finding = "父が要介護2", need = "介護サービスの調整" } },
            strengths = "長男は父の介護を続けてきた",
        });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var assessment = await system.PrintInBrowser(coordinator, $"/api/multiagency/cases/{caseId}/assessment/sheet", "assessment-sheet");
        Printing.AssertPrinted(assessment, "アセスメントシート", "父が要介護2", "介護サービスの調整", "長男は父の介護を続けてきた");

        Assert.Equal(4, await system.AuditRows(tenant, caseId, "print", "support_plan"));
        Assert.Equal(1, await system.AuditRows(tenant, caseId, "print", "case_progress_records"));
        // 支援ケース一覧: every case of the municipality, as CSV and print; each case listed is audited as printed.
        var list = Encoding.UTF8.GetString((await (await coordinator.GetAsync("/api/multiagency/reports/case-list?format=csv")).Content.ReadAsByteArrayAsync())[3..]);
        Assert.Contains($",{caseId},", list);
        Printing.AssertPrinted(await system.PrintInBrowser(coordinator, "/api/multiagency/reports/case-list", "case-list"), "支援ケース一覧", "担当");
        Assert.Equal(2, await system.AuditRows(tenant, caseId, "print", "support_case")); // MultiAgency's audit (Intake's AuditRows takes three arguments)
        Assert.Equal(HttpStatusCode.NotFound, (await system.Coordinator(Tenants.Fresh()).GetAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/multiagency/cases/{caseId}/plans/{Guid.NewGuid()}/form")).StatusCode);
    }
}
