namespace Jusou.MultiAgency.Assessments;

/// <summary>Code tables of the アセスメントシート (national 自治体事務マニュアル sheets 1–4, by life area).</summary>
public static class AssessmentCodes
{
    /// <summary>アセスメント領域: the household is looked at across every field, not one legal system.</summary>
    public static readonly IReadOnlyDictionary<string, string> Areas = new Dictionary<string, string>
    {
        ["health"] = "健康",
        ["disability"] = "障害",
        ["economy"] = "経済",
        ["employment"] = "就労",
        ["family"] = "家族",
        ["housing"] = "住まい",
        ["social_participation"] = "社会参加",
        ["rights"] = "権利擁護",
        ["child_rearing"] = "子ども・子育て",
        ["care"] = "介護",
        ["education"] = "教育(不登校等)",
        ["daily_life"] = "日常生活",
        ["safety"] = "安全(虐待・DV)",
    };

    /// <summary>課題の程度.</summary>
    public static readonly IReadOnlyDictionary<string, string> Severities = new Dictionary<string, string>
    {
        ["none"] = "課題なし",
        ["low"] = "軽度",
        ["medium"] = "中度",
        ["high"] = "重度",
        ["urgent"] = "緊急",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["assessmentAreas"] = Areas,
            ["assessmentSeverities"] = Severities,
        };
}
