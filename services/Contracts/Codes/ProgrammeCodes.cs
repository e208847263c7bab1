namespace Jusou.Contracts.Codes;

/// <summary>
/// The programme's code tables that every service shares (docs/architecture.md#glossary): 相談経路, 相談内容 and 世帯類型.
/// Events carry these codes; each service's GET /codes gives them with their Japanese labels. One definition, so the
/// Tono report in MultiAgency counts exactly the codes Intake recorded.
/// </summary>
public static class ProgrammeCodes
{
    /// <summary>相談経路 (referral route).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReferralRoutes = new Dictionary<string, string>
    {
        ["community_general_support_centre"] = "地域包括支援センター",
        ["disability_consultation_office"] = "相談支援事業所(障害)",
        ["self_reliance_support_agency"] = "自立相談支援機関(生活困窮)",
        ["consumer_affairs_centre"] = "消費生活センター",
        ["marugoto_counsellor"] = "丸ごと相談員",
        ["children_policy_division"] = "市子ども政策課(子ども家庭)",
        ["welfare_division"] = "市福祉課",
        ["welfare_commissioner"] = "民生委員・児童委員",
        ["social_welfare_council"] = "社会福祉協議会",
        ["medical_institution"] = "医療機関",
        ["school"] = "学校",
        ["self"] = "本人",
        ["family"] = "家族・親族",
        ["neighbour"] = "近隣・知人",
        ["other"] = "その他",
    };

    /// <summary>相談内容 (concern; one main and any secondary).</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = new Dictionary<string, string>
    {
        ["social_isolation"] = "社会的孤立(ニート・ひきこもり含む)",
        ["disability_certified"] = "障がい(手帳有)",
        ["disability_suspected"] = "障がい(手帳無・疑い)",
        ["illness"] = "病気",
        ["mental_health"] = "メンタルヘルス(うつ・不眠・不安・依存症・適応障害)",
        ["poverty"] = "経済的困窮",
        ["debt"] = "債務(多重・過重)",
        ["job_search"] = "就職活動困難",
        ["family"] = "家族関係・家族の問題",
        ["care"] = "介護",
        ["child_rearing"] = "子育て",
        ["school_refusal"] = "不登校",
        ["young_carer"] = "ヤングケアラー",
        ["double_care"] = "ダブルケア",
        ["8050"] = "8050",
        ["abuse"] = "虐待",
        ["dv"] = "DV",
        ["housing"] = "住まい(ごみ屋敷含む)",
        ["rights_capacity"] = "権利擁護(判断能力)",
        ["other"] = "その他",
    };

    /// <summary>世帯類型 (household type, as the Tono report counts them).</summary>
    public static readonly IReadOnlyDictionary<string, string> HouseholdTypes = new Dictionary<string, string>
    {
        ["elder_with_unmarried_adult_child"] = "配偶者のいない65歳以上の者と20歳以上の未婚の子のみの世帯",
        ["three_generation"] = "三世代世帯",
        ["single_65_plus"] = "単身世帯(65歳以上)",
        ["single_under_65"] = "単身世帯(64歳以下)",
        ["couple_only"] = "夫婦のみの世帯",
        ["couple_with_unmarried_children"] = "夫婦と未婚の子のみの世帯",
        ["single_parent"] = "ひとり親世帯",
        ["other"] = "その他",
    };
}
