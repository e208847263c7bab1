using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
namespace Jusou.Tools.Demo;

/// <summary>
/// 遠野市 ケース共有会議(市支援会議) 開催状況, fiscal year 2021 (令和3年度), as data: thirteen people referred to 多機関協働 in
/// the 支援会議 without consent, and the eight meetings that discussed them — shaped so that the case-conference report
/// equals the one Tono published (seed 000, ＜参考＞ ケース共有会議（市支援会議）開催状況). The people and their names are
/// invented; the counts are Tono's. Loaded only through the public API (Intake, then MultiAgency), so a demo loader can
/// reuse it as it is.
/// </summary>
public static class TonoFiscalYear2021
{
    /// <summary>One person: how their consultation reached the programme and what it was mainly about.</summary>
    /// <param name="Key">A letter naming the person within this data set.</param>
    /// <param name="MainConcern">null: Tono's 相談内容 lists twelve main concerns for thirteen people; one was not recorded.</param>
    public sealed record Person(string Key, string Name, string NameKana, DateOnly BirthDate, string ReferralRoute, string HouseholdType,
        string? MainConcern, string DistrictCode, DateTimeOffset ReceivedAt);

    /// <summary>One case discussed: whose, under which stream (null = the default from the case's track) and the decision.</summary>
    public sealed record Item(string Person, string? Stream = null, string? Decision = null, string? Note = null);

    public sealed record MeetingPlan(DateOnly Date, IReadOnlyList<Item> Items, string Minutes);

    private static DateTimeOffset Jst(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.FromHours(9));

    public static readonly IReadOnlyList<Person> Persons =
    [
        new("A", "遠野 一男", "トオノ カズオ", new DateOnly(1976, 5, 2), "marugoto_counsellor", "elder_with_unmarried_adult_child", "social_isolation", "tono-tsukimoushi", Jst(2021, 4, 12)),
        new("B", "附馬牛 健", "ツクモウシ ケン", new DateOnly(1984, 9, 30), "self_reliance_support_agency", "single_under_65", "debt", "tono-tsukimoushi", Jst(2021, 4, 20)),
        new("C", "松崎 トミ", "マツザキ トミ", new DateOnly(1938, 1, 15), "community_general_support_centre", "elder_with_unmarried_adult_child", "care", "tono-matsuzaki", Jst(2021, 4, 22)),
        new("D", "綾織 誠", "アヤオリ マコト", new DateOnly(1980, 11, 8), "marugoto_counsellor", "elder_with_unmarried_adult_child", "social_isolation", "tono-ayaori", Jst(2021, 5, 6)),
        new("E", "小友 由美", "オトモ ユミ", new DateOnly(1990, 7, 21), "children_policy_division", "single_parent", "poverty", "tono-otomo", Jst(2021, 5, 25)),
        new("F", "土淵 正", "ツチブチ タダシ", new DateOnly(1972, 3, 3), "children_policy_division", "three_generation", "family", "tono-tsuchibuchi", Jst(2021, 6, 1)),
        new("G", "上郷 翔太", "カミゴウ ショウタ", new DateOnly(2005, 8, 14), "children_policy_division", "three_generation", "disability_certified", "tono-kamigo", Jst(2021, 6, 9)),
        new("H", "宮守 浩二", "ミヤモリ コウジ", new DateOnly(1970, 12, 24), "disability_consultation_office", "elder_with_unmarried_adult_child", "disability_certified", "tono-miyamori", Jst(2021, 6, 30)),
        new("I", "青笹 良子", "アオザサ ヨシコ", new DateOnly(1955, 2, 11), "welfare_division", "three_generation", "illness", "tono-aozasa", Jst(2021, 7, 5)),
        new("J", "達曽部 隆", "タッソベ タカシ", new DateOnly(1968, 10, 10), "welfare_division", "other", "mental_health", "tono-miyamori", Jst(2021, 7, 8)),
        new("K", "髙橋 信也", "タカハシ シンヤ", new DateOnly(1979, 4, 18), "consumer_affairs_centre", "single_under_65", null, "tono-chuo", Jst(2021, 7, 26)),
        new("L", "遠野 美咲", "トオノ ミサキ", new DateOnly(1983, 6, 6), "self_reliance_support_agency", "couple_with_unmarried_children", "job_search", "tono-chuo", Jst(2021, 8, 2)),
        new("M", "佐々木 勇", "ササキ イサム", new DateOnly(1961, 1, 9), "marugoto_counsellor", "other", "social_isolation", "tono-ayaori", Jst(2021, 8, 5)),
    ];

    private const string MultiAgency = "multi_agency";

    /// <summary>
    /// Each person is shared once (ケース共有分: 延べ13, 実人員13); A and B move on to 多機関協働 and are discussed four times
    /// each under that stream (多機関協働事業分: 延べ8, 実人員2); D and M go to アウトリーチ等継続的支援事業.
    /// </summary>
    public static readonly IReadOnlyList<MeetingPlan> Meetings =
    [
        new(new DateOnly(2021, 5, 20), [new("A", Decision: "to_multi_agency", Note: "本人の同意に向けて丸ごと相談員が訪問を継続"),
            new("B", Decision: "to_multi_agency"), new("C"), new("D", Decision: "to_outreach")], "第1回 ケース共有会議"),
        new(new DateOnly(2021, 6, 17), [new("E"), new("F"), new("G"), new("A", MultiAgency)], "第2回"),
        new(new DateOnly(2021, 7, 15), [new("H"), new("I"), new("J"), new("A", MultiAgency)], "第3回"),
        new(new DateOnly(2021, 8, 19), [new("K"), new("L"), new("M", Decision: "to_outreach"), new("B", MultiAgency)], "第4回"),
        new(new DateOnly(2021, 10, 21), [new("A", MultiAgency), new("B", MultiAgency)], "第5回"),
        new(new DateOnly(2021, 11, 18), [new("B", MultiAgency)], "第6回"),
        new(new DateOnly(2021, 12, 16), [new("A", MultiAgency)], "第7回"),
        new(new DateOnly(2022, 2, 17), [new("B", MultiAgency, Note: "プランの評価")], "第8回"),
    ];

    /// <summary>The members of Tono's 支援会議 (organisation codes, as the tokens of their staff carry them).</summary>
    public static readonly IReadOnlyList<(string Organisation, string Role)> Attendees =
    [
        ("tono-welfare-division", "secretariat"),
        ("tono-shakyo", "marugoto_counsellor"),
        ("tono-community-general-support-centre", "agency_worker"),
        ("tono-disability-consultation-office", "agency_worker"),
        ("tono-children-policy-division", "city_staff"),
        ("tono-self-reliance-support", "agency_worker"),
    ];

    /// <summary>What Tono published, and what the report must therefore say.</summary>
    public static class Expected
    {
        public const int Meetings = 8;
        public static readonly (int Discussions, int Persons) MultiAgencyStream = (8, 2);
        public static readonly (int Discussions, int Persons) CaseSharingStream = (13, 13);

        public static readonly IReadOnlyDictionary<string, int> Decisions = new Dictionary<string, int>
        {
            ["to_multi_agency"] = 2, ["to_outreach"] = 2,
        };

        public static readonly IReadOnlyDictionary<string, int> ReferralRoutes = new Dictionary<string, int>
        {
            ["community_general_support_centre"] = 1, ["disability_consultation_office"] = 1, ["self_reliance_support_agency"] = 2,
            ["consumer_affairs_centre"] = 1, ["marugoto_counsellor"] = 3, ["children_policy_division"] = 3, ["welfare_division"] = 2,
        };

        public static readonly IReadOnlyDictionary<string, int> HouseholdTypes = new Dictionary<string, int>
        {
            ["elder_with_unmarried_adult_child"] = 4, ["three_generation"] = 3, ["single_under_65"] = 2,
            ["couple_with_unmarried_children"] = 1, ["single_parent"] = 1, ["other"] = 2,
        };

        /// <summary>The twelve main concerns Tono lists; the thirteenth person's is 未記入.</summary>
        public static readonly IReadOnlyDictionary<string, int> MainConcerns = new Dictionary<string, int>
        {
            ["social_isolation"] = 3, ["disability_certified"] = 2, ["illness"] = 1, ["mental_health"] = 1, ["poverty"] = 1,
            ["debt"] = 1, ["job_search"] = 1, ["family"] = 1, ["care"] = 1,
        };
    }

    /// <summary>
    /// Loads the year: through Intake (<paramref name="intake"/>) each person, their household and a consultation referred
    /// to 多機関協働 in the 支援会議; waits for MultiAgency to open each case; then records the eight 支援会議 meetings as the
    /// coordinator (<paramref name="coordinator"/>). Returns the support case id of each person by key.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> LoadAsync(HttpClient intake, HttpClient coordinator, TimeSpan caseTimeout)
    {
        var consultations = new Dictionary<string, Guid>();
        foreach (var person in Persons)
        {
            var personId = await Created(await intake.PostAsJsonAsync("/api/intake/persons", new
            {
                name = person.Name, nameKana = person.NameKana, birthDate = person.BirthDate, districtCode = person.DistrictCode,
            }));
            await Created(await intake.PostAsJsonAsync("/api/intake/households", new
            {
                householdType = person.HouseholdType, districtCode = person.DistrictCode,
                members = new[] { new { personId, relationship = "self" } },
            }));
            consultations[person.Key] = await Created(await intake.PostAsJsonAsync("/api/intake/consultations", new
            {
                channel = "from_agency", receivedAt = person.ReceivedAt, referralRoute = person.ReferralRoute,
                mainConcern = person.MainConcern, personId, districtCode = person.DistrictCode,
                disposition = "multi_agency", sharingRule = "support_meeting",
            }));
        }

        var cases = new Dictionary<string, Guid>();
        foreach (var (key, consultationId) in consultations)
        {
            cases[key] = await Demo.WaitForCase(coordinator, consultationId, caseTimeout);
        }

        foreach (var meeting in Meetings)
        {
            await Created(await coordinator.PostAsJsonAsync("/api/multiagency/meetings", new
            {
                date = meeting.Date,
                type = "support_meeting",
                minutes = meeting.Minutes,
                attendees = Attendees.Select(a => new { organisationCode = a.Organisation, role = a.Role }).ToArray(),
                items = meeting.Items.Select(i => new { caseId = cases[i.Person], stream = i.Stream, decision = i.Decision, note = i.Note }).ToArray(),
            }));
        }
        return cases;
    }

    private static async Task<Guid> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<Guid>();
    }
}
