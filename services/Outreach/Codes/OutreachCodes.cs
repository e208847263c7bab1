using Jusou.Contracts.Codes;

namespace Jusou.Outreach.Codes;

/// <summary>
/// Outreach's code tables: stable codes on the wire and in events, Japanese labels for people.
/// GET /api/outreach/codes serves them all.
/// </summary>
public static class OutreachCodes
{
    /// <summary>The stage codes, for the rules that name one (labels in <see cref="Stages"/>).</summary>
    public static class Stage
    {
        public const string Identified = "identified";
        public const string Attempting = "attempting";
        public const string Relationship = "relationship";
        public const string Connecting = "connecting";
        public const string Watching = "watching";
        public const string Closed = "closed";
    }

    /// <summary>Where a target came from.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["concern_report"] = "気になる人の報告(地域づくり)",
        ["plan_action"] = "支援プラン(多機関協働)",
        ["meeting_decision"] = "会議の方針(アウトリーチ等継続的支援事業へ)",
        ["intake_referral"] = "相談受付からのつなぎ",
        ["direct"] = "アウトリーチ担当が直接把握",
    };

    /// <summary>
    /// The stages of outreach: 把握 → 接触試行 → 関係づくり → つなぎ → 継続的見守り → 終結. Relationships are
    /// fragile, so a target may fall back a stage; only 終結 is final.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Stages = new Dictionary<string, string>
    {
        ["identified"] = "把握",
        ["attempting"] = "接触試行",
        ["relationship"] = "関係づくり",
        ["connecting"] = "つなぎ",
        ["watching"] = "継続的見守り",
        ["closed"] = "終結",
    };

    /// <summary>Which stage may follow which.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> StageTransitions = new Dictionary<string, IReadOnlySet<string>>
    {
        ["identified"] = new HashSet<string> { "attempting", "closed" },
        ["attempting"] = new HashSet<string> { "relationship", "closed" },
        ["relationship"] = new HashSet<string> { "attempting", "connecting", "watching", "closed" },
        ["connecting"] = new HashSet<string> { "relationship", "watching", "closed" },
        // 制度切れ safety net: a person may stay here for years after other support ended, and be re-engaged.
        ["watching"] = new HashSet<string> { "attempting", "relationship", "connecting", "closed" },
        ["closed"] = new HashSet<string>(),
    };

    /// <summary>Stages from which a person may be handed off: they have been met and a relationship exists.</summary>
    public static readonly IReadOnlySet<string> HandOffStages = new HashSet<string> { "relationship", "connecting", "watching" };

    public static readonly IReadOnlyDictionary<string, string> ClosureReasons = new Dictionary<string, string>
    {
        ["connected_and_stable"] = "つなぎ完了・安定",
        ["no_longer_needed"] = "支援の必要がなくなった",
        ["moved_away"] = "転居",
        ["died"] = "死亡",
        ["taken_over"] = "他機関が継続支援",
        ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, string> RiskLevels = new Dictionary<string, string>
    {
        ["low"] = "低",
        ["medium"] = "中",
        ["high"] = "高(緊急性あり)",
    };

    /// <summary>Who raised the concern (把握のきっかけ).</summary>
    public static readonly IReadOnlyDictionary<string, string> RaisedBy = new Dictionary<string, string>
    {
        ["minsei_iin"] = "民生委員・児童委員",
        ["neighbour"] = "近隣住民",
        ["shop"] = "商店・事業者",
        ["community_staff"] = "社協・地域づくり担当",
        ["family"] = "家族・親族",
        ["agency"] = "関係機関",
        ["support_meeting"] = "支援会議・支援プラン",
        ["intake"] = "相談窓口",
        ["outreach_worker"] = "アウトリーチ担当",
        ["other"] = "その他",
    };

    /// <summary>How a contact was attempted.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContactMethods = new Dictionary<string, string>
    {
        ["visit"] = "訪問",
        ["phone"] = "電話",
        ["letter"] = "手紙",
        ["via_family"] = "家族を通じて",
        ["via_minsei_iin"] = "民生委員を通じて",
        ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, string> ContactOutcomes = new Dictionary<string, string>
    {
        ["met"] = "会えた",
        ["spoke"] = "話せた(電話・インターホン等)",
        ["family_only"] = "家族のみと話せた",
        ["absent"] = "不在",
        ["no_answer"] = "応答なし",
        ["refused"] = "拒否",
        ["letter_only"] = "手紙のみ",
        ["other"] = "その他",
    };

    /// <summary>Outcomes that count as reaching the person themselves (for 初回接触までの日数).</summary>
    public static readonly IReadOnlySet<string> ReachedOutcomes = new HashSet<string> { "met", "spoke" };

    public static readonly IReadOnlyDictionary<string, string> HandOffDestinations = new Dictionary<string, string>
    {
        ["intake"] = "包括的相談支援(相談受付)",
        ["multi_agency"] = "多機関協働(支援ケース)",
    };

    public static readonly IReadOnlyDictionary<string, string> ConsentMethods = new Dictionary<string, string>
    {
        ["signed_form"] = "書面(署名)",
        ["verbal"] = "口頭",
        ["electronic"] = "電子",
    };

    /// <summary>相談内容 (the same codes as Intake's).</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;

    /// <summary>世帯類型 (the same codes as Intake's).</summary>
    public static readonly IReadOnlyDictionary<string, string> HouseholdTypes = ProgrammeCodes.HouseholdTypes;

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["sources"] = Sources,
            ["stages"] = Stages,
            ["closureReasons"] = ClosureReasons,
            ["riskLevels"] = RiskLevels,
            ["raisedBy"] = RaisedBy,
            ["contactMethods"] = ContactMethods,
            ["contactOutcomes"] = ContactOutcomes,
            ["handOffDestinations"] = HandOffDestinations,
            ["consentMethods"] = ConsentMethods,
            ["concerns"] = Concerns,
            ["householdTypes"] = HouseholdTypes,
        };
}
