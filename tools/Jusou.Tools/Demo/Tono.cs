using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jusou.ServiceDefaults.Auth;

namespace Jusou.Tools.Demo;

/// <summary>
/// A Tono-like municipality (遠野市): its areas down to the 11 地区センター where 丸ごと相談員 sit, and the
/// 令和3年度 ケース共有会議 year from Tono's own report (<see cref="TonoFiscalYear2021"/>).
/// </summary>
public static class Tono
{
    public const string Tenant = "032085";

    /// <summary>市全域 &gt; 日常生活圏域 &gt; 地区: the 8 地区 of old 遠野市 and the 3 of old 宮守村.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Level, string? Parent)> Areas =
    [
        ("tono", "遠野市全域", "city", null),
        ("tono-area-tono", "遠野圏域", "daily_life_area", "tono"),
        ("tono-area-miyamori", "宮守圏域", "daily_life_area", "tono"),
        ("tono-chuo", "遠野地区", "district", "tono-area-tono"),
        ("tono-ayaori", "綾織地区", "district", "tono-area-tono"),
        ("tono-otomo", "小友地区", "district", "tono-area-tono"),
        ("tono-tsukimoushi", "附馬牛地区", "district", "tono-area-tono"),
        ("tono-matsuzaki", "松崎地区", "district", "tono-area-tono"),
        ("tono-tsuchibuchi", "土淵地区", "district", "tono-area-tono"),
        ("tono-aozasa", "青笹地区", "district", "tono-area-tono"),
        ("tono-kamigo", "上郷地区", "district", "tono-area-tono"),
        ("tono-miyamori", "宮守地区", "district", "tono-area-miyamori"),
        ("tono-tassobe", "達曽部地区", "district", "tono-area-miyamori"),
        ("tono-masuzawa", "鱒沢地区", "district", "tono-area-miyamori"),
    ];

    /// <summary>The organisations of Tono's 支援会議 and counters, by the codes the city gives them (tokens carry these codes).</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string Kind)> Organisations =
    [
        ("tono-welfare-division", "遠野市 健康福祉部 福祉課", "municipal_division"),
        ("tono-shakyo", "遠野市社会福祉協議会", "social_welfare_council"),
        ("tono-community-general-support-centre", "遠野市地域包括支援センター", "community_general_support_centre_core"),
        ("tono-disability-consultation-office", "遠野市障がい者相談支援事業所", "disability_consultation_office"),
        ("tono-children-policy-division", "遠野市 こども政策課", "municipal_division"),
        ("tono-self-reliance-support", "遠野市生活困窮者自立相談支援機関", "self_reliance_support_agency"),
    ];

    /// <summary>Loads the areas and the year once: a second run finds them and adds nothing.</summary>
    public static async Task<string> LoadAsync(Demo demo, string tenant)
    {
        using var community = demo.As(tenant, JusouRoles.CommunityStaff, "tono-shakyo");
        var areasAdded = 0;
        foreach (var (code, name, level, parent) in Areas)
        {
            using var response = await community.PostAsJsonAsync("/api/community/areas", new { code, name, level, parentCode = parent });
            if (response.StatusCode == HttpStatusCode.Created) areasAdded++;
            else if (response.StatusCode != HttpStatusCode.Conflict) await Demo.Created(response); // explains and stops
        }

        var organisationsAdded = await Demo.RegisterOrganisationsAsync(community, Organisations, TimeSpan.FromSeconds(60));

        using var coordinator = demo.As(tenant, JusouRoles.Coordinator, "tono-welfare-division", "tono-coordinator");
        var report = await coordinator.GetFromJsonAsync<JsonObject>("/api/multiagency/reports/case-conference?fiscalYear=2021");
        if (report!["meetings"]!.GetValue<int>() > 0) return $"{areasAdded} areas and {organisationsAdded} organisations added; the 2021 case-conference year was already loaded";

        using var intake = demo.As(tenant, JusouRoles.IntakeWorker, "tono-shakyo", "tono-marugoto-counsellor");
        await TonoFiscalYear2021.LoadAsync(intake, coordinator, TimeSpan.FromSeconds(60));
        return $"{areasAdded} areas and {organisationsAdded} organisations added; {TonoFiscalYear2021.Persons.Count} persons referred to 多機関協働 and {TonoFiscalYear2021.Meetings.Count} 支援会議 meetings of 令和3年度";
    }
}
