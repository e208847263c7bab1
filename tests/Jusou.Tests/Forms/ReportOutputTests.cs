using System.Net;
using System.Text;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.Forms;

/// <summary>
/// Every report of every service comes as CSV — UTF-8 with a BOM, or Shift_JIS on request, both through the one shared
/// writer — and as a printed page (HTML with the printed pages' CSP, or PDF), the figures the same as in the JSON.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReportOutputTests(SystemFixture system)
{
    public static readonly TheoryData<string, string, string> Reports = new()
    {
        { "/api/multiagency/reports/case-conference?fiscalYear=2026", "支援会議 開催状況", "開催回数,,開催回数,0," },
        { "/api/participation/reports/placements?fiscalYear=2026", "参加支援 実績", "支援対象者数,,支援対象者数(実人員),0" },
        { "/api/outreach/reports/targets?fiscalYear=2026", "アウトリーチ等継続的支援 実績", "対象者数,,把握した対象者,0" },
        { "/api/community/reports/places?fiscalYear=2026", "地域づくり 拠点数・参加者数", "合計,,,,0,0" },
        { "/api/rights/reports/matters?fiscalYear=2026", "権利擁護 実績", "受付,,期間中に受け付けた案件,0" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_report_comes_as_csv_in_utf8_or_shift_jis_and_prints_on_A4(string report, string title, string line)
    {
        var manager = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);

        var utf8 = await manager.GetAsync($"{report}&format=csv");
        Assert.Equal(HttpStatusCode.OK, utf8.StatusCode);
        Assert.Equal("text/csv", utf8.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", utf8.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await utf8.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("区分,", csv);
        Assert.Contains(title, csv);
        Assert.Contains(line, csv);
        Assert.Contains("令和8年4月1日～令和9年3月31日", csv);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", ""));

        var sjis = await manager.GetAsync($"{report}&format=csv&encoding=shift_jis");
        Assert.Equal("shift_jis", sjis.Content.Headers.ContentType?.CharSet);
        var sjisBytes = await sjis.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, sjisBytes[0]); // no BOM in Shift_JIS
        Assert.Equal(csv, CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetString(sjisBytes));

        var page = await manager.GetAsync($"{report}&format=html");
        Assert.Equal(PrintablePage.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        var name = report.Split('/')[2];
        Printing.AssertPrinted(await system.PrintInBrowser(manager, $"{report}&format=html", $"report-{name}"), title);
        Printing.AssertPrinted(await manager.DownloadPdf($"{report}&format=pdf", $"report-{name}"), title);

        await (await manager.GetAsync($"{report}&format=json&encoding=shift_jis")).AssertProblem(HttpStatusCode.BadRequest, "encoding");
        await (await manager.GetAsync($"{report}&format=csv&encoding=euc-jp")).AssertProblem(HttpStatusCode.BadRequest, "encoding");
    }

    [Fact]
    public void The_shared_writer_quotes_as_RFC_4180_and_defuses_formulas()
    {
        var sheet = new ReportSheet("表", "t", "区分", "コード", "項目", "件数")
            .Row("区分", "a,b", "=HYPERLINK(\"x\")", 3)
            .Row("区分", null, "髙橋 〜 ①", 0);
        var csv = Encoding.UTF8.GetString(sheet.Csv()[3..]);
        Assert.Equal("区分,コード,項目,件数\r\n表題,,表,\r\n区分,\"a,b\",\"'=HYPERLINK(\"\"x\"\")\",3\r\n区分,,髙橋 〜 ①,0\r\n", csv);
        // Windows-31J holds 髙 and ①; a character outside it becomes 〓 rather than a silent "?".
        var sjis = CodePagesEncodingProvider.Instance.GetEncoding(932)!.GetString(new ReportSheet("表", "t", "区分", "項目").Row("区分", "髙橋①😀").Csv("shift_jis"));
        Assert.Contains("髙橋①〓", sjis);
    }
}
