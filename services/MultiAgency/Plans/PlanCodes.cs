using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.Plans;

/// <summary>Code tables of support plans (多機関協働事業 プラン兼利用申込書).</summary>
public static class PlanCodes
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Superseded = "superseded";

    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    {
        [Draft] = "案",
        [Approved] = "承認済",
        [Superseded] = "改訂により終了",
    };

    /// <summary>What an action hands over, and so which service takes it up (SupportPlanActionApproved.Kind).</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionKinds = new Dictionary<string, string>
    {
        ["participation"] = "参加支援",
        ["outreach"] = "アウトリーチ等を通じた継続的支援",
        ["rights"] = "権利擁護",
        ["other"] = "その他(関係機関による支援)",
    };

    public static readonly IReadOnlyDictionary<string, string> GoalTerms = new Dictionary<string, string>
    {
        ["long_term"] = "長期目標",
        ["short_term"] = "短期目標",
        ["direction"] = "支援の方向性",
    };

    /// <summary>評価: how far a goal was reached at the review.</summary>
    public static readonly IReadOnlyDictionary<string, string> GoalResults = new Dictionary<string, string>
    {
        ["achieved"] = "達成",
        ["partly"] = "一部達成",
        ["not_achieved"] = "未達成",
    };

    /// <summary>What the review decides: watch how things go, or revise the plan (a new version).</summary>
    public static readonly IReadOnlyDictionary<string, string> NextSteps = new Dictionary<string, string>
    {
        ["monitoring"] = "モニタリングへ移行",
        ["new_plan"] = "プランの見直し(新しい版を作成)",
    };

    /// <summary>Need codes of an action: a 相談内容 or an アセスメント area.</summary>
    public static bool IsNeedCode(string code) => SupportCaseCodes.Concerns.ContainsKey(code) || AssessmentCodes.Areas.ContainsKey(code);

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["planStatuses"] = Statuses,
            ["planActionKinds"] = ActionKinds,
            ["planGoalTerms"] = GoalTerms,
            ["planGoalResults"] = GoalResults,
            ["planNextSteps"] = NextSteps,
        };
}
