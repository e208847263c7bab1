namespace Jusou.Contracts.Codes;

/// <summary>
/// The indicators of the annual 実績報告 (事業目標・評価指標 of the 実施計画, 社会福祉法 第106条の5), one code each, in the
/// order the report prints them, with the service that counts it. Targets are set against these codes
/// (CommunityResources keeps them per municipality and fiscal year); the gateway gathers the counts (docs/api.md#実績報告).
/// </summary>
public static class AnnualIndicatorCodes
{
    public sealed record Definition(string Label, string Project, string Service, string Unit);

    public static readonly IReadOnlyDictionary<string, Definition> All = new Dictionary<string, Definition>
    {
        ["consultations"] = new("相談受付件数", "包括的相談支援事業", "intake", "件"),
        ["support_plans"] = new("支援プラン作成件数", "多機関協働事業", "multiagency", "件"),
        ["support_meetings"] = new("支援会議 開催回数", "多機関協働事業", "multiagency", "回"),
        ["multi_layered_support_meetings"] = new("重層的支援会議 開催回数", "多機関協働事業", "multiagency", "回"),
        ["participation_participants"] = new("参加支援 支援対象者数", "参加支援事業", "participation", "人"),
        ["participation_hosts"] = new("参加支援 協力事業者数", "参加支援事業", "participation", "事業者"),
        ["outreach_targets"] = new("アウトリーチ 支援対象者数", "アウトリーチ等を通じた継続的支援事業", "outreach", "人"),
        ["community_places"] = new("地域づくり 拠点数", "地域づくりに向けた支援事業", "community", "か所"),
        ["community_participants"] = new("地域づくり 参加者数", "地域づくりに向けた支援事業", "community", "人"),
        ["community_organisations"] = new("地域づくり 参加機関数", "地域づくりに向けた支援事業", "community", "機関"),
        ["rights_matters"] = new("権利擁護 件数", "権利擁護", "rights", "件"),
    };

    /// <summary>Code → label, as the codes endpoints give tables.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = All.ToDictionary(a => a.Key, a => a.Value.Label);
}
