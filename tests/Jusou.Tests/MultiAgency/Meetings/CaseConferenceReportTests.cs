using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jusou.Tools.Demo;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Jusou.Tests.Intake;

namespace Jusou.Tests.MultiAgency.Meetings;

/// <summary>
/// ケース共有会議(支援会議) 開催状況: Tono's fiscal year 2021 entered through the public API gives back the report Tono
/// published, as JSON, CSV (for Excel) and a printable page.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CaseConferenceReportTests(SystemFixture system)
{
    private const string Report = "/api/multiagency/reports/case-conference";

    [Fact]
    public async Task Tonos_fiscal_year_2021_gives_back_the_report_Tono_published()
    {
        var tenant = await system.FreshTenantWith([.. Tono.Organisations.Select(o => o.Code)]);
        var intake = system.Gateway(tenant, JusouRoles.IntakeWorker, subject: "tono-intake");
        var coordinator = system.Coordinator(tenant);
        await TonoFiscalYear2021.LoadAsync(intake, coordinator, MeetingClient.CaseTimeout);

        var report = await (await coordinator.GetAsync($"{Report}?fiscalYear=2021")).OkObject();

        Assert.Equal("support_meeting", report.Text("meetingType"));
        Assert.Equal("支援会議", report.Text("meetingTypeLabel"));
        Assert.Equal(2021, report["fiscalYear"]!.GetValue<int>());
        Assert.Equal("2021-04-01", report.Text("from"));
        Assert.Equal("2022-03-31", report.Text("to"));
        Assert.Equal(TonoFiscalYear2021.Expected.Meetings, report["meetings"]!.GetValue<int>());
        var streams = report["streams"]!.AsArray().ToDictionary(s => s!["code"]!.GetValue<string>(),
            s => (s!["discussions"]!.GetValue<int>(), s["persons"]!.GetValue<int>()));
        Assert.Equal(TonoFiscalYear2021.Expected.MultiAgencyStream, streams["multi_agency"]);
        Assert.Equal(TonoFiscalYear2021.Expected.CaseSharingStream, streams["case_sharing"]);
        Assert.Equal(21, report["discussions"]!.GetValue<int>());
        Assert.Equal(13, report["casesDiscussed"]!.GetValue<int>());
        Assert.Equal(17, report["undecided"]!.GetValue<int>());
        AssertCounts(TonoFiscalYear2021.Expected.Decisions, NonZero(report, "decisions"));
        AssertCounts(TonoFiscalYear2021.Expected.ReferralRoutes, NonZero(report, "referralRoutes"));
        AssertCounts(TonoFiscalYear2021.Expected.HouseholdTypes, NonZero(report, "householdTypes"));
        var concerns = NonZero(report, "mainConcerns");
        // Tono lists twelve main concerns for thirteen people: the thirteenth was not recorded.
        Assert.Equal(1, concerns["(未記入)"]);
        concerns.Remove("(未記入)");
        AssertCounts(TonoFiscalYear2021.Expected.MainConcerns, concerns);
        // Every code of the table is there, zeros too, so a chart needs no second call.
        Assert.Equal(15, report["referralRoutes"]!.AsArray().Count);

        // CSV: UTF-8 with BOM and CRLF, the Japanese labels intact, the same numbers.
        var csvResponse = await coordinator.GetAsync($"{Report}?fiscalYear=2021&format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\r\n", csv);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", ""));
        Assert.Contains("開催回数,,開催回数,8,", csv);
        Assert.Contains("検討件数,multi_agency,多機関協働事業分,8,2", csv);
        Assert.Contains("検討件数,case_sharing,ケース共有分,13,13", csv);
        Assert.Contains("検討結果,to_multi_agency,多機関協働事業へ,2,", csv);
        Assert.Contains("検討結果,to_outreach,アウトリーチ等継続的支援事業へ,2,", csv);
        Assert.Contains("相談経路,marugoto_counsellor,丸ごと相談員,3,", csv);
        Assert.Contains("相談経路,self_reliance_support_agency,自立相談支援機関(生活困窮),2,", csv);
        Assert.Contains("世帯類型,elder_with_unmarried_adult_child,配偶者のいない65歳以上の者と20歳以上の未婚の子のみの世帯,4,", csv);
        Assert.Contains("相談内容(主なもの),social_isolation,社会的孤立(ニート・ひきこもり含む),3,", csv);
        Assert.Contains("令和3年4月1日～令和4年3月31日", csv);
        foreach (var (code, count) in TonoFiscalYear2021.Expected.ReferralRoutes) Assert.EndsWith($",{count},", csv.Split("\r\n").Single(l => l.StartsWith($"相談経路,{code},")));
        foreach (var (code, count) in TonoFiscalYear2021.Expected.HouseholdTypes) Assert.EndsWith($",{count},", csv.Split("\r\n").Single(l => l.StartsWith($"世帯類型,{code},")));
        foreach (var (code, count) in TonoFiscalYear2021.Expected.MainConcerns) Assert.EndsWith($",{count},", csv.Split("\r\n").Single(l => l.StartsWith($"相談内容(主なもの),{code},")));

        // The printable page: 和暦, escaped, with the numbers as Tono prints them.
        var htmlResponse = await coordinator.GetAsync($"{Report}?fiscalYear=2021&format=html");
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType?.MediaType);
        var html = await htmlResponse.Content.ReadAsStringAsync();
        Assert.Contains("支援会議 開催状況", html);
        Assert.Contains("令和3年4月1日～令和4年3月31日", html);
        Assert.Contains("令和3年度", html);
        Assert.Contains("<p class=\"meetings\">8回</p>", html);
        Assert.Contains("多機関協働事業分</th><td>延べ8件(実人員2件)", html);
        Assert.Contains("ケース共有分</th><td>延べ13件(実人員13件)", html);
        Assert.Contains("<th>多機関協働事業へ</th><td class=\"count\">2</td>", html);
        Assert.Contains("<th>アウトリーチ等継続的支援事業へ</th><td class=\"count\">2</td>", html);
        foreach (var label in new[] { "地域包括支援センター", "相談支援事業所(障害)", "消費生活センター" })
            Assert.Contains($"<th>{label}</th><td class=\"count\">1</td>", html);
        Assert.Contains("<th>丸ごと相談員</th><td class=\"count\">3</td>", html);
        Assert.Contains("<th>市子ども政策課(子ども家庭)</th><td class=\"count\">3</td>", html);
        Assert.Contains("<th>市福祉課</th><td class=\"count\">2</td>", html);
        Assert.Contains("<th>三世代世帯</th><td class=\"count\">3</td>", html);
        Assert.Contains("<th>単身世帯(64歳以下)</th><td class=\"count\">2</td>", html);
        Assert.Contains("<th>障がい(手帳有)</th><td class=\"count\">2</td>", html);
        Assert.Contains("<th>介護</th><td class=\"count\">1</td>", html);
        Assert.DoesNotContain("<th>子育て</th>", html); // only what occurred is printed

        // A period inside the year: May and June 2021 (meetings 1 and 2).
        var spring = await (await coordinator.GetAsync($"{Report}?from=2021-05-01&to=2021-06-30")).OkObject();
        Assert.Equal(2, spring["meetings"]!.GetValue<int>());
        Assert.Null(spring["fiscalYear"]);
        Assert.Equal(7, spring["casesDiscussed"]!.GetValue<int>());
        // Another meeting type, and another municipality, have nothing.
        Assert.Equal(0, (await (await coordinator.GetAsync($"{Report}?fiscalYear=2021&meetingType=team_meeting")).OkObject())["meetings"]!.GetValue<int>());
        var stranger = await (await system.Coordinator(Tenants.Fresh()).GetAsync($"{Report}?fiscalYear=2021")).OkObject();
        Assert.Equal(0, stranger["meetings"]!.GetValue<int>());
        Assert.Equal(0, stranger["casesDiscussed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Without_a_period_the_report_covers_the_current_fiscal_year()
    {
        var report = await (await system.Gateway(Tenants.Fresh(), JusouRoles.Manager).GetAsync(Report)).OkObject();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).DateTime);
        var year = today.Month >= 4 ? today.Year : today.Year - 1;
        Assert.Equal(year, report["fiscalYear"]!.GetValue<int>());
        Assert.Equal($"{year}-04-01", report.Text("from"));
        Assert.Equal($"{year + 1}-03-31", report.Text("to"));
        Assert.Equal(0, report["meetings"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_fiscal_year_2019_reads_reiwa_gannen_in_json_csv_and_print()
    {
        var coordinator = system.Gateway(Tenants.Fresh(), JusouRoles.Manager);

        var json = await (await coordinator.GetAsync($"{Report}?fiscalYear=2019")).OkObject();
        Assert.Equal("令和元年度", json.Text("fiscalYearLabel"));
        var csv = Encoding.UTF8.GetString((await (await coordinator.GetAsync($"{Report}?fiscalYear=2019&format=csv")).Content.ReadAsByteArrayAsync())[3..]);
        Assert.Contains("年度,2019,令和元年度,,", csv);
        Assert.Contains("平成31年4月1日～令和2年3月31日", csv); // the period's first day was still 平成
        var html = await (await coordinator.GetAsync($"{Report}?fiscalYear=2019&format=html")).Content.ReadAsStringAsync();
        Assert.Contains("(令和元年度)", html);
        Assert.DoesNotContain("平成31年度", html);
    }

    [Theory]
    [InlineData("fiscalYear=2021&from=2021-04-01&to=2021-06-30", "fiscalYear")]
    [InlineData("from=2021-04-01", "to")]
    [InlineData("from=2021-06-01&to=2021-04-01", "to")]
    [InlineData("fiscalYear=1800", "fiscalYear")]
    [InlineData("meetingType=kaigi", "meetingType")]
    [InlineData("format=xlsx", "format")]
    public async Task A_bad_period_type_or_format_is_400_naming_it(string query, string field)
    {
        var response = await system.Coordinator(Tenants.Fresh()).GetAsync($"{Report}?{query}");
        await response.AssertProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData(JusouRoles.AgencyStaff)]
    [InlineData(JusouRoles.IntakeWorker)]
    [InlineData(JusouRoles.Integrator)]
    public async Task Only_coordinators_and_managers_get_the_report(string role)
    {
        var response = await system.Gateway(Tenants.Fresh(), role).GetAsync($"{Report}?fiscalYear=2021");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static void AssertCounts(IReadOnlyDictionary<string, int> expected, Dictionary<string, int> actual) =>
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"),
            actual.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));

    private static Dictionary<string, int> NonZero(JsonObject report, string table) =>
        report[table]!.AsArray().Select(r => r!.AsObject()).Where(r => r["count"]!.GetValue<int>() > 0)
            .ToDictionary(r => r["code"]?.GetValue<string>() ?? $"({r.Text("label")})", r => r["count"]!.GetValue<int>());
}
