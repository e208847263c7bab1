using Jusou.MultiAgency.Watch.CaseSupports;

namespace Jusou.MultiAgency.Watch;

/// <summary>Examples of the 制度切れ watch in MultiAgency's OpenAPI document (a Tono-like case nearing 65 with 障害福祉サービス in place).</summary>
public static class WatchApiExamples
{
    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(WatchRulesRequest)] = new WatchRulesRequest([18, 40, 65], 90, 60, 30, 14),
        [typeof(CaseSupportRequest)] = new CaseSupportRequest("disability_welfare_service", "tono-support-office-01",
            new DateOnly(2019, 4, 1), new DateOnly(2027, 3, 31)),
        [typeof(AlertDismissal)] = new AlertDismissal("介護保険の申請済み。ケアマネジャーと引き継ぎ日程を調整中。"),
        [typeof(WatchScanRequest)] = new WatchScanRequest(["age_threshold", "support_ending", "no_contact", "plan_review_overdue",
            "action_unanswered", "referral_unanswered"]),
        [typeof(HandOffs.TaskDeclination)] = new HandOffs.TaskDeclination("no_capacity", "今月は訪問の枠がなく、来月以降なら対応可能。"),
        [typeof(HandOffs.TaskCompletion)] = new HandOffs.TaskCompletion("visit_made", "自宅を訪問し、母と本人に地域サロンを案内した。"),
    };
}
