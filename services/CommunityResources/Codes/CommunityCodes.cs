using Jusou.Contracts.Codes;

namespace Jusou.CommunityResources.Codes;

/// <summary>
/// CommunityResources' code tables: stable codes on the wire and in events, Japanese labels for people (docs/architecture.md#glossary and
/// Ina's 実施計画). GET /api/community/codes serves them all.
/// </summary>
public static class CommunityCodes
{
    /// <summary>The programme status codes, for the rules that name one (labels in <see cref="ServiceStatuses"/>).</summary>
    public static class ServiceStatus
    {
        public const string Active = "active";
        public const string Withdrawn = "withdrawn";
    }

    /// <summary>The concern report status codes (labels in <see cref="ConcernStatuses"/>).</summary>
    public static class ConcernStatus
    {
        public const string Submitted = "submitted";
        public const string ReceivedByOutreach = "received_by_outreach";
    }

    /// <summary>圏域の階層: 市全域 &gt; 日常生活圏域 &gt; 地区; wide areas (上伊那圏域 …) sit beside the city.</summary>
    public static readonly IReadOnlyDictionary<string, string> AreaLevels = new Dictionary<string, string>
    {
        ["wide_area"] = "広域圏域",
        ["city"] = "市全域",
        ["daily_life_area"] = "日常生活圏域",
        ["district"] = "地区",
    };

    /// <summary>The level each level may sit under (null: a root).</summary>
    public static readonly IReadOnlyDictionary<string, string?> ParentLevel = new Dictionary<string, string?>
    {
        ["wide_area"] = null,
        ["city"] = null,
        ["daily_life_area"] = "city",
        ["district"] = "daily_life_area",
    };

    /// <summary>支援機関の種別.</summary>
    public static readonly IReadOnlyDictionary<string, string> OrganisationKinds = new Dictionary<string, string>
    {
        ["municipal_division"] = "市の担当課",
        ["community_general_support_centre_core"] = "地域包括支援センター(基幹型)",
        ["community_general_support_centre_branch"] = "地域包括支援センター(ブランチ・サブ)",
        ["social_welfare_council"] = "社会福祉協議会",
        ["disability_consultation_office"] = "相談支援事業所",
        ["self_reliance_support_agency"] = "自立相談支援機関",
        ["core_agency"] = "中核機関(権利擁護)",
        ["social_welfare_corporation"] = "社会福祉法人",
        ["npo"] = "NPO法人",
        ["community_group"] = "地縁組織・住民団体",
        ["business"] = "企業・商店",
        ["other"] = "その他",
    };

    /// <summary>実施方式.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeliveryMethods = new Dictionary<string, string>
    {
        ["direct"] = "直営",
        ["commissioned"] = "委託",
        ["subsidised"] = "補助",
    };

    /// <summary>対象者の分野: the four sectors, and 属性を問わない.</summary>
    public static readonly IReadOnlyDictionary<string, string> TargetGroups = new Dictionary<string, string>
    {
        ["all"] = "属性を問わない(全市民)",
        ["elderly"] = "高齢者",
        ["disability"] = "障害者",
        ["children"] = "子ども・子育て",
        ["poverty"] = "生活困窮者",
    };

    /// <summary>
    /// 重層的支援体制整備事業 (社会福祉法第106条の4第2項): the statutory project a programme belongs to — the first
    /// taxonomy of the directory.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StatutoryProjects = new Dictionary<string, string>
    {
        ["comprehensive_consultation"] = "包括的相談支援事業(第1号)",
        ["participation"] = "参加支援事業(第2号)",
        ["community_building"] = "地域づくりに向けた支援事業(第3号)",
        ["outreach"] = "アウトリーチ等を通じた継続的支援事業(第4号)",
        ["multi_agency"] = "多機関協働事業(第5号・第6号)",
        ["rights_advocacy"] = "権利擁護支援",
        ["other"] = "その他(重層事業外)",
    };

    /// <summary>The kinds of place or programme — the second taxonomy (居場所, 通いの場 …).</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceKinds = new Dictionary<string, string>
    {
        ["consultation"] = "相談窓口",
        ["ibasho"] = "居場所",
        ["kayoi_no_ba"] = "通いの場",
        ["care_prevention_class"] = "介護予防教室",
        ["work_experience"] = "就労体験",
        ["volunteer_activity"] = "ボランティア活動",
        ["childcare_hub"] = "子育て支援拠点",
        ["activity_centre"] = "地域活動支援センター",
        ["childrens_cafeteria"] = "子ども食堂",
        ["food_bank"] = "フードバンク",
        ["watching_network"] = "見守りネットワーク",
        ["learning"] = "学び・講座",
        ["meeting"] = "会議・ネットワーク",
        ["coordination"] = "コーディネート",
        ["other"] = "その他",
    };

    /// <summary>Kinds that count as a 拠点 (a place people come to) in the 実施計画 indicators.</summary>
    public static readonly IReadOnlySet<string> PlaceKinds = new HashSet<string>
    {
        "ibasho", "kayoi_no_ba", "care_prevention_class", "work_experience", "childcare_hub", "activity_centre", "childrens_cafeteria",
    };

    /// <summary>公開状態: HSDS service status, with Japanese labels.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceStatuses = new Dictionary<string, string>
    {
        ["active"] = "公開中",
        ["withdrawn"] = "終了・休止",
    };

    /// <summary>クロス人材 and volunteers.</summary>
    public static readonly IReadOnlyDictionary<string, string> PersonKinds = new Dictionary<string, string>
    {
        ["cross_talent"] = "クロス人材",
        ["volunteer"] = "ボランティア",
    };

    /// <summary>分野: the fields a クロス人材 bridges or a 協働 partner covers (制度福祉・地域福祉・まちづくり and beyond).</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["elderly_care"] = "高齢・介護",
        ["disability"] = "障害",
        ["child_rearing"] = "子ども・子育て",
        ["poverty"] = "生活困窮",
        ["health"] = "保健・医療",
        ["education"] = "教育",
        ["employment"] = "就労",
        ["housing"] = "住まい",
        ["shopping_transport"] = "買い物・移動",
        ["disaster"] = "防災",
        ["multicultural"] = "多文化共生",
        ["migration"] = "移住定住",
        ["agriculture"] = "農業",
        ["commerce"] = "商業・商店",
        ["culture_sports"] = "文化・スポーツ",
        ["town_planning"] = "まちづくり",
        ["rights_advocacy"] = "権利擁護",
        ["other"] = "その他",
    };

    /// <summary>Who raised a concern (気になる人).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReporterKinds = new Dictionary<string, string>
    {
        ["minsei_iin"] = "民生委員・児童委員",
        ["neighbour"] = "近隣住民",
        ["shop"] = "商店・事業者",
        ["community_staff"] = "地域づくり担当・社協職員",
        ["other"] = "その他",
    };

    /// <summary>相談内容 codes a reporter may tick (the same codes as Intake's 相談内容).</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;

    public static readonly IReadOnlyDictionary<string, string> RiskLevels = new Dictionary<string, string>
    {
        ["low"] = "低",
        ["medium"] = "中",
        ["high"] = "高(急を要する)",
    };

    /// <summary>What the reporter sees of their report.</summary>
    public static readonly IReadOnlyDictionary<string, string> ConcernStatuses = new Dictionary<string, string>
    {
        ["submitted"] = "送付済",
        ["received_by_outreach"] = "受理",
    };

    /// <summary>Every table, by the name GET /api/community/codes uses.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["areaLevels"] = AreaLevels,
            ["organisationKinds"] = OrganisationKinds,
            ["deliveryMethods"] = DeliveryMethods,
            ["targetGroups"] = TargetGroups,
            ["statutoryProjects"] = StatutoryProjects,
            ["serviceKinds"] = ServiceKinds,
            ["serviceStatuses"] = ServiceStatuses,
            ["personKinds"] = PersonKinds,
            ["fields"] = Fields,
            ["reporterKinds"] = ReporterKinds,
            ["concerns"] = Concerns,
            ["riskLevels"] = RiskLevels,
            ["concernStatuses"] = ConcernStatuses,
            ["annualIndicators"] = Jusou.Contracts.Codes.AnnualIndicatorCodes.Labels,
            ["reportFormats"] = Jusou.ServiceDefaults.Http.ReportSheet.Formats,
            ["reportEncodings"] = Jusou.ServiceDefaults.Http.ReportSheet.Encodings,
        };
}
