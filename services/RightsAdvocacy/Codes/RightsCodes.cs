namespace Jusou.RightsAdvocacy.Codes;

/// <summary>
/// RightsAdvocacy's code tables: stable codes on the wire and in events, Japanese labels for people
/// (成年後見制度, 日常生活自立支援事業). GET /api/rights/codes serves them all.
/// </summary>
public static class RightsCodes
{
    /// <summary>The 日常生活自立支援事業 contract status codes (labels in <see cref="ContractStatuses"/>).</summary>
    public static class ContractStatus
    {
        public const string Active = "active";
        public const string Ended = "ended";
        public const string Transferred = "transferred";
    }

    /// <summary>The 報酬助成 application status codes (labels in <see cref="FeeSubsidyStatuses"/>).</summary>
    public static class FeeSubsidyStatus
    {
        public const string Applied = "applied";
        public const string Granted = "granted";
        public const string Refused = "refused";
    }

    /// <summary>類型. "undecided" until the 申立: a matter opened from a plan often starts before anyone knows which fits.</summary>
    public static readonly IReadOnlyDictionary<string, string> MatterTypes = new Dictionary<string, string>
    {
        ["undecided"] = "未定",
        ["guardianship"] = "後見",
        ["curatorship"] = "保佐",
        ["assistance"] = "補助",
        ["voluntary"] = "任意後見",
    };

    /// <summary>申立人. "undecided" until the 申立.</summary>
    public static readonly IReadOnlyDictionary<string, string> Petitioners = new Dictionary<string, string>
    {
        ["undecided"] = "未定",
        ["self"] = "本人",
        ["relative"] = "親族",
        ["mayor"] = "市長申立",
    };

    /// <summary>進行段階, in order (相談 → 申立準備 → 申立 → 審判 → 開始 → 定期報告 → 終了).</summary>
    public static readonly IReadOnlyDictionary<string, string> Stages = new Dictionary<string, string>
    {
        ["consultation"] = "相談",
        ["preparing"] = "申立準備",
        ["petitioned"] = "申立",
        ["adjudicated"] = "審判",
        ["started"] = "開始",
        ["reporting"] = "定期報告",
        ["ended"] = "終了",
    };

    /// <summary>終了理由.</summary>
    public static readonly IReadOnlyDictionary<string, string> EndReasons = new Dictionary<string, string>
    {
        ["death"] = "本人死亡",
        ["capacity_recovered"] = "判断能力の回復",
        ["withdrawn"] = "申立取下げ",
        ["dismissed"] = "却下",
        ["not_needed"] = "制度利用に至らず",
        ["other"] = "その他",
    };

    /// <summary>後見人等の種別.</summary>
    public static readonly IReadOnlyDictionary<string, string> GuardianKinds = new Dictionary<string, string>
    {
        ["professional"] = "専門職",
        ["relative"] = "親族",
        ["citizen"] = "市民後見人",
        ["corporate"] = "法人後見",
    };

    /// <summary>専門職の資格 (for professional guardians).</summary>
    public static readonly IReadOnlyDictionary<string, string> Professions = new Dictionary<string, string>
    {
        ["lawyer"] = "弁護士",
        ["judicial_scrivener"] = "司法書士",
        ["social_worker"] = "社会福祉士",
        ["administrative_scrivener"] = "行政書士",
        ["tax_accountant"] = "税理士",
        ["other"] = "その他",
    };

    /// <summary>報酬助成 申請の状態.</summary>
    public static readonly IReadOnlyDictionary<string, string> FeeSubsidyStatuses = new Dictionary<string, string>
    {
        ["applied"] = "申請中",
        ["granted"] = "助成決定",
        ["refused"] = "不承認",
    };

    /// <summary>Where a matter came from.</summary>
    public static readonly IReadOnlyDictionary<string, string> MatterSources = new Dictionary<string, string>
    {
        ["direct"] = "直接受付",
        ["plan_action"] = "支援プラン(権利擁護)",
        ["meeting_decision"] = "会議の方針(権利擁護へ)",
        ["consultation"] = "相談受付からの紹介",
        ["daily_life_support"] = "日常生活自立支援事業からの移行",
    };

    /// <summary>中核機関による市民後見人への支援.</summary>
    public static readonly IReadOnlyDictionary<string, string> CitizenGuardianSupportKinds = new Dictionary<string, string>
    {
        ["consultation"] = "相談対応",
        ["accompanied_visit"] = "同行訪問",
        ["case_meeting"] = "ケース会議",
        ["report_check"] = "報告書の確認",
        ["other"] = "その他",
    };

    /// <summary>市民後見人の研修.</summary>
    public static readonly IReadOnlyDictionary<string, string> TrainingKinds = new Dictionary<string, string>
    {
        ["foundation"] = "養成研修",
        ["follow_up"] = "フォローアップ研修",
    };

    /// <summary>日常生活自立支援事業のサービス.</summary>
    public static readonly IReadOnlyDictionary<string, string> DailyLifeServices = new Dictionary<string, string>
    {
        ["welfare_service_assistance"] = "福祉サービス利用援助",
        ["daily_money_management"] = "日常的金銭管理",
        ["document_safekeeping"] = "書類等の預かり",
    };

    /// <summary>契約の状態.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContractStatuses = new Dictionary<string, string>
    {
        ["active"] = "契約中",
        ["ended"] = "解約・終了",
        ["transferred"] = "成年後見制度へ移行",
    };

    /// <summary>訪問した者.</summary>
    public static readonly IReadOnlyDictionary<string, string> VisitBy = new Dictionary<string, string>
    {
        ["specialist"] = "専門員",
        ["support_worker"] = "生活支援員",
    };

    /// <summary>契約の見直し (評価) の結果.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReviewOutcomes = new Dictionary<string, string>
    {
        ["continue"] = "継続",
        ["change"] = "支援内容の変更",
        ["end"] = "終了",
        ["transfer_to_guardianship"] = "成年後見制度へ移行",
    };

    /// <summary>Every table, by the name GET /api/rights/codes uses.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["matterTypes"] = MatterTypes,
            ["petitioners"] = Petitioners,
            ["stages"] = Stages,
            ["endReasons"] = EndReasons,
            ["guardianKinds"] = GuardianKinds,
            ["professions"] = Professions,
            ["feeSubsidyStatuses"] = FeeSubsidyStatuses,
            ["matterSources"] = MatterSources,
            ["citizenGuardianSupportKinds"] = CitizenGuardianSupportKinds,
            ["trainingKinds"] = TrainingKinds,
            ["dailyLifeServices"] = DailyLifeServices,
            ["contractStatuses"] = ContractStatuses,
            ["visitBy"] = VisitBy,
            ["reviewOutcomes"] = ReviewOutcomes,
        };
}
