using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Plans;

namespace Jusou.MultiAgency.Cases;

/// <summary>Examples for the OpenAPI document: a Tono-like 8050 household (cases, assessments, plans).</summary>
public static class CaseApiExamples
{
    private static readonly Guid Person = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000001");
    private static readonly Guid Meeting = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000301");
    private static readonly Guid Goal = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000401");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(OpenCaseRequest)] = new OpenCaseRequest("support_meeting", Person, "8050", "welfare_commissioner", "elder_with_unmarried_adult_child",
            "tono-district-01"),
        [typeof(CasePatch)] = new CasePatch(CoordinatorId: "coordinator-tono-2"),
        [typeof(StatusChangeRequest)] = new StatusChangeRequest("closed", "goal_achieved", Meeting, "本人が就労継続支援B型に定着し、母は介護保険サービス利用開始。"),
        [typeof(TrackChangeRequest)] = new TrackChangeRequest("consented", "consent_obtained", "訪問時に本人から書面で同意を得た。"),
        [typeof(InvolvementRequest)] = new InvolvementRequest("tono-community-general-support-centre", "lead", new DateOnly(2026, 11, 20), null,
            "母の介護について主担当"),
        [typeof(ProgressRecordRequest)] = new ProgressRecordRequest("visit", "自宅を訪問。母と面会し、介護保険の申請書類を一緒に確認した。本人は自室から挨拶のみ。",
            new DateOnly(2026, 11, 27)),
        [typeof(EndInvolvementRequest)] = new EndInvolvementRequest("role_completed", new DateOnly(2027, 3, 31)),
        [typeof(AssessmentRequest)] = new AssessmentRequest(new DateOnly(2026, 11, 25),
            [
                new AssessmentAreaRequest("care", "high", "母(82)は要介護認定未申請。日中一人で過ごす。", "介護保険の申請と訪問介護"),
                new AssessmentAreaRequest("social_participation", "medium", "本人(48)は10年以上自宅からほとんど出ていない。", "安心して通える居場所"),
                new AssessmentAreaRequest("economy", "medium", "母の年金のみで生活。", "家計相談"),
            ],
            "本人は母の世話を毎日している。近所の民生委員と顔見知り。", "8050世帯。まず母の介護を整え、本人の負担を減らす。"),
        [typeof(PlanRequest)] = new PlanRequest(
            [new GoalRequest("母が介護サービスを利用し、本人の介護負担が減る。", "short_term"), new GoalRequest("本人が週1回、居場所に通う。", "long_term")],
            [
                new ActionRequest("other", "tono-community-general-support-centre", "要介護認定の申請支援", new DateOnly(2026, 12, 15), ["care"]),
                new ActionRequest("participation", "tono-social-welfare-council", "居場所の見学に同行", new DateOnly(2027, 1, 31), ["social_isolation"]),
            ],
            new DateOnly(2027, 2, 28)),
        [typeof(ApprovalRequest)] = new ApprovalRequest(Meeting, new DateOnly(2026, 12, 1)),
        [typeof(EvaluationRequest)] = new EvaluationRequest(new DateOnly(2027, 2, 28),
            [new GoalEvaluationRequest(Goal, "achieved", "訪問介護を週3回利用中。")], "monitoring", "母の状態は安定。"),
    };
}
