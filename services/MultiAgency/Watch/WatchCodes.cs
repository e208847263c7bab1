namespace Jusou.MultiAgency.Watch;

/// <summary>Code tables of the 制度切れ watch.</summary>
public static class WatchCodes
{
    public const string AgeThreshold = "age_threshold";
    public const string SupportEnding = "support_ending";
    public const string NoContact = "no_contact";
    public const string PlanReviewOverdue = "plan_review_overdue";
    /// <summary>A meeting sent the case to 多機関協働 and it has no coordinator in charge yet.</summary>
    public const string CoordinatorNeeded = "coordinator_needed";
    /// <summary>A meeting decided 終結: the coordinator closes the case (or not); nothing closes it automatically.</summary>
    public const string ClosureProposed = "closure_proposed";
    /// <summary>The person withdrew their consent: the case went back to the 支援会議 track; the coordinator follows up.</summary>
    public const string ConsentWithdrawn = "consent_withdrawn";
    /// <summary>A plan action handed to its organisation is still unanswered (sent) after the tenant's unansweredDays.</summary>
    public const string ActionUnanswered = "action_unanswered";
    /// <summary>A referral Intake sent to an organisation is still requested after the tenant's unansweredDays.</summary>
    public const string ReferralUnanswered = "referral_unanswered";
    /// <summary>The 住民基本台帳 says the person moved out of the municipality (転出): who supports them now?</summary>
    public const string ResidentMovedOut = "resident_moved_out";
    /// <summary>The 住民基本台帳 says the person died (死亡): the coordinator closes the case and tells the partners.</summary>
    public const string ResidentDied = "resident_died";
    /// <summary>The support kind of a 見守り a meeting decided.</summary>
    public const string MeetingWatch = "meeting_watch";

    /// <summary>What an alert warns of (the Rule of WatchAlertRaised).</summary>
    public static readonly IReadOnlyDictionary<string, string> Rules = new Dictionary<string, string>
    {
        [AgeThreshold] = "年齢到達による制度の切り替わり (18歳・40歳・65歳など)",
        [SupportEnding] = "利用中の支援・制度の終了予定",
        [NoContact] = "一定期間接触なし",
        [PlanReviewOverdue] = "支援プランの見直し期限超過",
        [CoordinatorNeeded] = "多機関協働事業へ(会議の方針): 担当コーディネーターの割当て",
        [ClosureProposed] = "終結の提案(会議の方針): 終結の手続き",
        [ConsentWithdrawn] = "本人同意の撤回: 支援会議での検討に戻り、関係機関の共有は終了",
        [ActionUnanswered] = "プランの役割分担の依頼に一定期間回答なし",
        [ReferralUnanswered] = "他機関へのつなぎ(紹介)に一定期間回答なし",
        [ResidentMovedOut] = "住民異動: 転出 (転出先での支援へのつなぎを確認)",
        [ResidentDied] = "住民異動: 死亡 (終結と関係機関への連絡)",
    };

    public static readonly IReadOnlyDictionary<string, string> AlertStatuses = new Dictionary<string, string>
    {
        ["open"] = "未対応",
        ["dismissed"] = "確認済み(理由を記録)",
    };

    /// <summary>Kinds of support in place on a case (利用中の支援・制度), whose end opens a gap.</summary>
    public static readonly IReadOnlyDictionary<string, string> SupportKinds = new Dictionary<string, string>
    {
        ["disability_welfare_service"] = "障害福祉サービス",
        ["disabled_child_service"] = "障害児通所支援",
        ["long_term_care_insurance"] = "介護保険サービス",
        ["public_assistance"] = "生活保護",
        ["self_reliance_support"] = "生活困窮者自立支援",
        ["child_welfare"] = "児童福祉",
        ["medical"] = "医療",
        ["hospitalisation"] = "入院",
        ["school"] = "学校",
        ["employment_support"] = "就労支援",
        ["housing_support"] = "住まいの支援",
        ["daily_life_independence"] = "日常生活自立支援事業",
        ["guardianship"] = "成年後見制度",
        [MeetingWatch] = "見守り(会議の方針、関係機関による)",
        ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["watchRules"] = Rules,
            ["watchAlertStatuses"] = AlertStatuses,
            ["supportKinds"] = SupportKinds,
        };
}
