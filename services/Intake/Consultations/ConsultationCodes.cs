namespace Jusou.Intake.Consultations;

/// <summary>Code tables for consultations: stable codes on the wire, Japanese labels for people (DOMAIN.md).</summary>
public static class ConsultationCodes
{
    /// <summary>受付方法 (how the consultation reached us).</summary>
    public static readonly IReadOnlyDictionary<string, string> Channels = new Dictionary<string, string>
    {
        ["counter"] = "窓口",
        ["phone"] = "電話",
        ["visit"] = "訪問",
        ["district_centre"] = "地区センター",
        ["online"] = "オンライン",
        ["from_agency"] = "関係機関から",
    };

    /// <summary>相談内容 (one main + any secondary).</summary>
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

    /// <summary>対応 (what was decided at intake). Each disposition that passes the case on emits an event.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dispositions = new Dictionary<string, string>
    {
        ["advice_closed"] = "助言・情報提供で終了",
        ["multi_agency"] = "多機関協働へ",
    };

    /// <summary>The rule under which personal data may be shared with another organisation.</summary>
    public static readonly IReadOnlyDictionary<string, string> SharingRules = new Dictionary<string, string>
    {
        ["consent"] = "本人同意",
        ["support_meeting"] = "支援会議(社会福祉法第106条の6)",
    };
}
