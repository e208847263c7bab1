using Jusou.Contracts.Codes;

namespace Jusou.Participation.Codes;

/// <summary>
/// Participation's code tables: stable codes on the wire and in events, Japanese labels for people.
/// GET /api/participation/codes serves them all.
/// </summary>
public static class ParticipationCodes
{
    /// <summary>The request status codes, for the rules that name one (labels in <see cref="RequestStatuses"/>).</summary>
    public static class RequestStatus
    {
        public const string Open = "open";
        public const string Placed = "placed";
        public const string Closed = "closed";
    }

    /// <summary>The placement stage codes, for the rules that name one (labels in <see cref="Stages"/>).</summary>
    public static class Stage
    {
        public const string Visit = "visit";
        public const string Trial = "trial";
        public const string Participating = "participating";
        public const string Ended = "ended";
    }

    /// <summary>What a place of participation (参加の場) offers.</summary>
    public static readonly IReadOnlyDictionary<string, string> OpportunityKinds = new Dictionary<string, string>
    {
        ["work_experience"] = "就労体験",
        ["short_work"] = "短時間就労(いなぷちバイト型)",
        ["volunteer"] = "ボランティア",
        ["ibasho"] = "居場所",
        ["learning"] = "学び",
        ["other"] = "その他",
    };

    /// <summary>
    /// How CommunityResources' kinds of place or programme (its second taxonomy) read as participation kinds. The
    /// first match in this order wins; anything else is その他 until a coordinator says otherwise.
    /// </summary>
    public static readonly IReadOnlyList<(string DirectoryKind, string Kind)> DirectoryKinds =
    [
        ("work_experience", "work_experience"),
        ("volunteer_activity", "volunteer"),
        ("ibasho", "ibasho"),
        ("kayoi_no_ba", "ibasho"),
        ("activity_centre", "ibasho"),
        ("childrens_cafeteria", "ibasho"),
        ("learning", "learning"),
        ("care_prevention_class", "learning"),
    ];

    public static string KindFromDirectory(IEnumerable<string> taxonomyCodes)
    {
        var codes = taxonomyCodes.ToHashSet();
        foreach (var (directoryKind, kind) in DirectoryKinds)
        {
            if (codes.Contains(directoryKind)) return kind;
        }
        return "other";
    }

    /// <summary>Where an opportunity comes from.</summary>
    public static readonly IReadOnlyDictionary<string, string> OpportunitySources = new Dictionary<string, string>
    {
        ["community"] = "地域づくり(社会資源台帳)",
        ["local"] = "参加支援で登録",
    };

    /// <summary>Why an opportunity takes no new placements.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClosedReasons = new Dictionary<string, string>
    {
        ["withdrawn"] = "資源台帳で終了・休止",
        ["not_participation_capable"] = "参加支援の対象外に変更",
        ["not_accepting"] = "受入停止(コーディネーター判断)",
    };

    public static readonly IReadOnlyDictionary<string, string> Days = new Dictionary<string, string>
    {
        ["mon"] = "月", ["tue"] = "火", ["wed"] = "水", ["thu"] = "木", ["fri"] = "金", ["sat"] = "土", ["sun"] = "日",
    };

    public static readonly IReadOnlyDictionary<string, string> TimeSlots = new Dictionary<string, string>
    {
        ["morning"] = "午前",
        ["afternoon"] = "午後",
        ["evening"] = "夕方・夜",
    };

    /// <summary>Accessibility and support a place offers, and a person may need (配慮・支援).</summary>
    public static readonly IReadOnlyDictionary<string, string> Accommodations = new Dictionary<string, string>
    {
        ["step_free"] = "段差なし・車いす可",
        ["quiet_space"] = "静かな場所・休憩できる場所",
        ["short_hours"] = "短時間から可",
        ["remote"] = "在宅・オンライン可",
        ["transport"] = "送迎あり・公共交通で通える",
        ["staff_accompaniment"] = "職員・支援員の付き添い",
        ["job_coach"] = "ジョブコーチ",
        ["peer_support"] = "ピアサポート",
        ["gradual_start"] = "段階的に始められる",
        ["no_conversation_required"] = "会話が少なくてよい",
    };

    /// <summary>Where a participation request came from.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequestSources = new Dictionary<string, string>
    {
        ["plan_action"] = "支援プラン(多機関協働)",
        ["meeting_decision"] = "会議の方針(参加支援へ)",
        ["intake_referral"] = "相談受付からのつなぎ",
        ["direct"] = "コーディネーターが直接受付",
    };

    /// <summary>
    /// 調整中 while a place is being found, 参加中 while a placement is under way, 終了 when participation support
    /// ends (a placement ended with 定着 or 就労へ移行, or the coordinator closed it).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RequestStatuses = new Dictionary<string, string>
    {
        ["open"] = "調整中",
        ["placed"] = "参加中",
        ["closed"] = "終了",
    };

    public static readonly IReadOnlyDictionary<string, string> RequestClosureReasons = new Dictionary<string, string>
    {
        ["achieved"] = "目標達成(定着・就労)",
        ["own_wish"] = "本人希望",
        ["taken_over"] = "他の支援へ移行",
        ["no_contact"] = "連絡が取れない",
        ["other"] = "その他",
    };

    /// <summary>The stages of a placement: 見学 → 体験 → 参加中 → 終了.</summary>
    public static readonly IReadOnlyDictionary<string, string> Stages = new Dictionary<string, string>
    {
        ["visit"] = "見学",
        ["trial"] = "体験",
        ["participating"] = "参加中",
        ["ended"] = "終了",
    };

    /// <summary>Forward only; a stage may be skipped (a person who knows the place may start at 体験 or 参加中).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> StageTransitions = new Dictionary<string, IReadOnlySet<string>>
    {
        ["visit"] = new HashSet<string> { "trial", "participating", "ended" },
        ["trial"] = new HashSet<string> { "participating", "ended" },
        ["participating"] = new HashSet<string> { "ended" },
        ["ended"] = new HashSet<string>(),
    };

    /// <summary>Stages that take one of the opportunity's places (current use).</summary>
    public static readonly IReadOnlySet<string> CapacityStages = new HashSet<string> { "trial", "participating" };

    /// <summary>Stages under 定着支援 (check-ins are due).</summary>
    public static readonly IReadOnlySet<string> ActiveStages = new HashSet<string> { "visit", "trial", "participating" };

    public static readonly IReadOnlyDictionary<string, string> EndReasons = new Dictionary<string, string>
    {
        ["settled"] = "定着",
        ["to_employment"] = "就労へ移行",
        ["own_wish"] = "本人希望",
        ["unsuited"] = "不適合",
        ["other"] = "その他",
    };

    /// <summary>End reasons that reach the goal of participation support: the request ends with them.</summary>
    public static readonly IReadOnlySet<string> SuccessfulEndReasons = new HashSet<string> { "settled", "to_employment" };

    public static readonly IReadOnlyDictionary<string, string> CheckInMethods = new Dictionary<string, string>
    {
        ["at_host"] = "協力事業所で面談",
        ["visit"] = "訪問",
        ["phone"] = "電話",
        ["online"] = "オンライン",
        ["other"] = "その他",
    };

    /// <summary>How the placement is going, as judged at a 定着支援 check-in.</summary>
    public static readonly IReadOnlyDictionary<string, string> CheckInConditions = new Dictionary<string, string>
    {
        ["stable"] = "安定",
        ["some_concerns"] = "課題あり",
        ["at_risk"] = "中断のおそれ",
    };

    /// <summary>伴走型カウンセリング: the kinds of session.</summary>
    public static readonly IReadOnlyDictionary<string, string> SessionKinds = new Dictionary<string, string>
    {
        ["individual"] = "個別面談",
        ["accompanied"] = "同行支援",
        ["family"] = "家族面談",
        ["with_host"] = "協力事業所との三者面談",
        ["phone"] = "電話相談",
        ["other"] = "その他",
    };

    /// <summary>Why a candidate ranks where it does: one code per matching factor (see MatchScoring for the points).</summary>
    public static readonly IReadOnlyDictionary<string, string> MatchReasons = new Dictionary<string, string>
    {
        ["district_same"] = "同じ地区",
        ["district_citywide"] = "市全域で受入",
        ["district_other"] = "別の地区",
        ["district_unknown"] = "本人の地区が未登録",
        ["kind_wished"] = "希望する参加の形",
        ["kind_not_wished"] = "希望とは別の参加の形",
        ["kind_any"] = "参加の形の希望なし",
        ["schedule_fits"] = "曜日・時間帯が合う",
        ["schedule_day_only"] = "曜日は合う(時間帯は要確認)",
        ["schedule_no_overlap"] = "曜日・時間帯が合わない",
        ["schedule_unknown"] = "日程が未登録",
        ["accommodations_met"] = "必要な配慮・支援がある",
        ["accommodations_missing"] = "必要な配慮・支援が一部ない",
        ["accommodations_none_needed"] = "特別な配慮の希望なし",
        ["paid_wished"] = "有償の希望に合う",
        ["unpaid_but_paid_wished"] = "有償希望だが無償",
        ["paid_no_preference"] = "有償・無償の希望なし",
        ["capacity_room"] = "受入枠に余裕あり",
        ["capacity_last_place"] = "受入枠が残り1",
        ["outcomes_good"] = "過去の参加で定着・就労が多い",
        ["outcomes_poor"] = "過去の参加で定着が少ない",
        ["outcomes_none"] = "過去の参加実績なし",
        ["previously_unsuited"] = "以前この場で不適合により終了",
    };

    /// <summary>Why an opportunity is not proposed at all.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exclusions = new Dictionary<string, string>
    {
        ["full"] = "受入枠が満員",
        ["age_outside"] = "年齢条件に合わない",
        ["already_placed"] = "現在この場に参加調整中・参加中",
    };

    /// <summary>相談内容 (the programme's shared codes), as carried by plan actions and referrals.</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["opportunityKinds"] = OpportunityKinds,
            ["opportunitySources"] = OpportunitySources,
            ["closedReasons"] = ClosedReasons,
            ["days"] = Days,
            ["timeSlots"] = TimeSlots,
            ["accommodations"] = Accommodations,
            ["requestSources"] = RequestSources,
            ["requestStatuses"] = RequestStatuses,
            ["requestClosureReasons"] = RequestClosureReasons,
            ["stages"] = Stages,
            ["endReasons"] = EndReasons,
            ["checkInMethods"] = CheckInMethods,
            ["checkInConditions"] = CheckInConditions,
            ["sessionKinds"] = SessionKinds,
            ["matchReasons"] = MatchReasons,
            ["exclusions"] = Exclusions,
            ["concerns"] = Concerns,
        };
}
