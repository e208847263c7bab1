using Jusou.RightsAdvocacy.CitizenGuardians;
using Jusou.RightsAdvocacy.DailyLifeSupport;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy;

/// <summary>Examples shown in RightsAdvocacy's OpenAPI document (an Ina-like 市長申立 at 上伊那成年後見センター).</summary>
public static class ApiExamples
{
    private static readonly Guid Person = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000001");
    private static readonly Guid CitizenGuardian = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000301");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(MatterRequest)] = new MatterRequest("guardianship", "mayor", new DateOnly(2026, 6, 1), Person, null, "伊那 花子",
            Notes: "親族なし。認知症が進み、預金の管理ができない。"),
        [typeof(MatterPatch)] = new MatterPatch(Court: "長野家庭裁判所伊那支部", CaseNumber: "令和8年(家)第123号"),
        [typeof(StageChangeRequest)] = new StageChangeRequest("petitioned", new DateOnly(2026, 8, 3), "長野家庭裁判所伊那支部", "令和8年(家)第123号"),
        [typeof(GuardianRequest)] = new GuardianRequest("citizen", new DateOnly(2026, 10, 1), CitizenGuardianId: CitizenGuardian),
        [typeof(GuardianEndRequest)] = new GuardianEndRequest(new DateOnly(2026, 11, 20)),
        [typeof(FeeSubsidyRequest)] = new FeeSubsidyRequest(new DateOnly(2026, 11, 10), new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30), 240_000),
        [typeof(FeeSubsidyDecision)] = new FeeSubsidyDecision("granted", new DateOnly(2026, 11, 25), 216_000),
        [typeof(CitizenGuardianRequest)] = new CitizenGuardianRequest("上伊那 一郎", "カミイナ イチロウ", new DateOnly(2025, 3, 20),
            new DateOnly(2025, 3, 15), true),
        [typeof(CitizenGuardianPatch)] = new CitizenGuardianPatch(Available: false, Notes: "家族の介護のため当面受任不可。"),
        [typeof(TrainingRequest)] = new TrainingRequest("follow_up", new DateOnly(2026, 7, 12), "令和8年度 市民後見人フォローアップ研修"),
        [typeof(SupportRequest)] = new SupportRequest("accompanied_visit", new DateOnly(2026, 10, 15), Note: "初回訪問に同行。"),
        [typeof(ContractRequest)] = new ContractRequest(["welfare_service_assistance", "daily_money_management"], "社協 専門員A",
            new DateOnly(2026, 5, 1), "生活支援員B", new DateOnly(2026, 11, 1), Person, PersonName: "伊那 花子"),
        [typeof(ContractPatch)] = new ContractPatch(SupportWorker: "生活支援員C"),
        [typeof(VisitRequest)] = new VisitRequest(new DateOnly(2026, 11, 5), "support_worker", ["daily_money_management"], "生活費を払い出し。"),
        [typeof(ReviewRequest)] = new ReviewRequest(new DateOnly(2026, 11, 20), "transfer_to_guardianship", MatterType: "guardianship",
            Note: "判断能力がさらに低下。契約の継続が難しく成年後見へ。"),
    };
}
