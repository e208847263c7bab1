using Jusou.Contracts.Codes;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// Code tables of support cases: stable codes on the wire and in events, Japanese labels for people.
/// GET /api/multiagency/codes serves them (see Codes/MultiAgencyCodes.cs).
/// </summary>
public static class SupportCaseCodes
{
    public const string Received = "received";
    public const string Assessment = "assessment";
    public const string Planning = "planning";
    public const string Supporting = "supporting";
    public const string Monitoring = "monitoring";
    public const string Suspended = "suspended";
    public const string Closed = "closed";

    public const string ConsentedTrack = "consented";
    public const string SupportMeetingTrack = "support_meeting";
    /// <summary>Why a case left the consented track, and why its organisations stopped taking part.</summary>
    public const string ConsentWithdrawn = "consent_withdrawn";

    /// <summary>The role an approved plan gives each organisation with a live action in it; only approval sets it.</summary>
    public const string PlanActionRole = "plan_action";
    /// <summary>A new approved plan version no longer gives the organisation any action.</summary>
    public const string PlanRevised = "plan_revised";
    /// <summary>The organisation's last live action was done.</summary>
    public const string RoleCompleted = "role_completed";
    /// <summary>The organisation declined its last live action.</summary>
    public const string ActionDeclined = "action_declined";
    /// <summary>The case was closed (終結): every organisation's part ends.</summary>
    public const string CaseClosed = "case_closed";

    /// <summary>The case lifecycle.</summary>
    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    {
        [Received] = "受付",
        [Assessment] = "アセスメント",
        [Planning] = "プラン作成",
        [Supporting] = "支援中",
        [Monitoring] = "モニタリング",
        [Suspended] = "中断",
        [Closed] = "終結",
    };

    /// <summary>
    /// Where a case may go from each status by a coordinator's decision. 終結 is possible from every open status
    /// (a person may move away, die or refuse at any stage); a closed case can only be reopened, into アセスメント,
    /// because whatever brought it back must be assessed again. 支援中 is entered by approving a plan (or, from
    /// モニタリング, by resuming the approved one); a case enters it only with an approved plan. 中断 (the person is in
    /// hospital, asked for a pause, cannot be reached for now …) is possible from every open status and resumes only to
    /// the status it left (<see cref="SupportCase.AllowedMoves"/> narrows this table's entry to that one), or closes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Transitions = new Dictionary<string, IReadOnlySet<string>>
    {
        [Received] = new HashSet<string> { Assessment, Suspended, Closed },
        [Assessment] = new HashSet<string> { Planning, Suspended, Closed },
        [Planning] = new HashSet<string> { Assessment, Supporting, Suspended, Closed },
        [Supporting] = new HashSet<string> { Monitoring, Planning, Suspended, Closed },
        [Monitoring] = new HashSet<string> { Supporting, Planning, Suspended, Closed },
        [Suspended] = new HashSet<string> { Received, Assessment, Planning, Supporting, Monitoring, Closed },
        [Closed] = new HashSet<string> { Assessment },
    };

    public static bool IsOpen(string status) => status != Closed;

    public static readonly IReadOnlyDictionary<string, string> Tracks = new Dictionary<string, string>
    {
        ["support_meeting"] = "支援会議(本人同意なし・法106条の6)",
        ["consented"] = "本人同意あり",
    };

    /// <summary>A referral shared under consent is on the consented track; otherwise it stays inside the 支援会議.</summary>
    public static string TrackFor(string sharingRule) => sharingRule == "consent" ? "consented" : "support_meeting";

    /// <summary>What a case's plan actions are shared under: consent on the consented track, else the 支援会議 (法106条の6).</summary>
    public static string SharingRuleFor(string track) => track == "consented" ? "consent" : "support_meeting";

    /// <summary>終結の理由.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClosureReasons = new Dictionary<string, string>
    {
        ["goal_achieved"] = "目標達成",
        ["moved_out"] = "転出",
        ["died"] = "死亡",
        ["transferred"] = "他機関へ移行",
        ["declined"] = "本人拒否",
        ["no_contact"] = "連絡不通",
        ["other"] = "その他",
    };

    /// <summary>再開の理由.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReopenReasons = new Dictionary<string, string>
    {
        ["new_problem"] = "新たな課題の発生",
        ["worsened"] = "状況の悪化",
        ["reconsulted"] = "本人・家族からの再相談",
        ["agency_request"] = "関係機関からの依頼",
        ["other"] = "その他",
    };

    /// <summary>中断の理由.</summary>
    public static readonly IReadOnlyDictionary<string, string> SuspensionReasons = new Dictionary<string, string>
    {
        ["hospitalised"] = "入院",
        ["institutionalised"] = "施設入所(一時)",
        ["person_request"] = "本人・家族の申し出",
        ["no_contact"] = "一時的に連絡不通",
        ["other_support"] = "他制度での支援に一時移行",
        ["other"] = "その他",
    };

    /// <summary>支援経過記録の種別: what kind of contact or work a progress entry records.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProgressRecordKinds = new Dictionary<string, string>
    {
        ["interview"] = "面談",
        ["visit"] = "訪問",
        ["phone"] = "電話",
        ["meeting"] = "会議",
        ["liaison"] = "連絡調整",
        ["other"] = "その他",
    };

    /// <summary>Why a case moved between the 支援会議 track and the consented track.</summary>
    public static readonly IReadOnlyDictionary<string, string> TrackChangeReasons = new Dictionary<string, string>
    {
        ["consent_obtained"] = "本人同意を得た",
        [ConsentWithdrawn] = "本人同意の撤回",
        ["recorded_in_error"] = "誤登録の訂正",
        ["other"] = "その他",
    };

    /// <summary>役割: what an organisation does in a case (役割分担).</summary>
    public static readonly IReadOnlyDictionary<string, string> InvolvementRoles = new Dictionary<string, string>
    {
        ["lead"] = "主担当",
        ["collaborating"] = "連携",
        ["information"] = "情報提供",
        ["watching"] = "見守り",
        ["advice"] = "助言",
        [PlanActionRole] = "プランの役割分担(承認されたプランによる)",
    };

    /// <summary>Why an organisation's involvement ended.</summary>
    public static readonly IReadOnlyDictionary<string, string> InvolvementEndReasons = new Dictionary<string, string>
    {
        [RoleCompleted] = "役割終了",
        ["handed_over"] = "他機関へ引継ぎ",
        [CaseClosed] = "ケース終結",
        [ConsentWithdrawn] = "本人同意の撤回",
        [PlanRevised] = "プラン改訂で役割なし",
        [ActionDeclined] = "依頼の辞退",
        ["other"] = "その他",
    };

    /// <summary>相談経路 (the same codes as Intake's, which fill the case from a referral).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReferralRoutes = ProgrammeCodes.ReferralRoutes;

    /// <summary>相談内容 (the same codes as Intake's): a case's main concern, and the needs of plan actions.</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;

    /// <summary>世帯類型 (the same codes as Intake's).</summary>
    public static readonly IReadOnlyDictionary<string, string> HouseholdTypes = ProgrammeCodes.HouseholdTypes;

    /// <summary>Services whose reports appear on a case timeline.</summary>
    public static readonly IReadOnlyDictionary<string, string> TimelineSources = new Dictionary<string, string>
    {
        ["multiagency"] = "多機関協働",
        ["intake"] = "包括的相談支援",
        ["participation"] = "参加支援",
        ["outreach"] = "アウトリーチ等継続的支援",
        ["rights"] = "権利擁護",
    };

    /// <summary>What a timeline line says happened.</summary>
    public static readonly IReadOnlyDictionary<string, string> TimelineKinds = new Dictionary<string, string>
    {
        ["referred"] = "多機関協働へつなぎ",
        ["opened"] = "ケース開始",
        ["status_changed"] = "状態変更",
        ["closed"] = "終結",
        ["reopened"] = "再開",
        ["suspended"] = "中断",
        ["resumed"] = "中断からの再開",
        ["progress_recorded"] = "支援経過記録",
        ["track_changed"] = "検討の場の変更",
        ["details_changed"] = "基本情報の変更",
        ["involvement_added"] = "関係機関の追加",
        ["involvement_ended"] = "関係機関の関与終了",
        ["assessment_recorded"] = "アセスメント記録",
        ["plan_drafted"] = "プラン作成(案)",
        ["plan_approved"] = "プラン承認",
        ["plan_evaluated"] = "プラン評価",
        // The hand-off of a plan action of kind other to its organisation (依頼): see HandOffs/ActionTask.
        ["task_sent"] = "役割分担の依頼",
        ["task_accepted"] = "依頼の受諾",
        ["task_declined"] = "依頼の辞退",
        ["task_done"] = "依頼の完了",
        ["task_withdrawn"] = "依頼の取下げ(プラン改訂・終結)",
        ["consultation_followed_up"] = "継続相談",
        // 住民異動 learnt from the 宛名 system (Intake's import): the alert of the same name is raised with it.
        ["resident_moved_out"] = "住民異動: 転出",
        ["resident_died"] = "住民異動: 死亡",
        ["outreach_target_opened"] = "アウトリーチ対象者の把握",
        ["outreach_contact_attempted"] = "アウトリーチ接触",
        ["outreach_stage_changed"] = "アウトリーチ段階の変更",
        ["participation_request_opened"] = "参加支援の依頼受付",
        ["placement_stage_changed"] = "参加の段階の変更",
        ["placement_checked_in"] = "定着支援",
        ["guardianship_matter_opened"] = "成年後見の案件開始",
        ["guardianship_stage_changed"] = "成年後見の段階の変更",
        ["daily_life_support_contract_changed"] = "日常生活自立支援事業の契約変更",
        // Meeting decisions (方針) and what they set going; see MeetingDecisions.
        ["discussed_at_meeting"] = "会議で検討(方針)",
        ["decision_withdrawn"] = "会議の方針の取下げ",
        ["watch_alert_raised"] = "コーディネーターへの通知(担当割当て・終結の提案)",
        ["watch_started"] = "見守りの開始",
        ["outreach_target_withdrawn"] = "アウトリーチ対象者の取消(方針の変更)",
        ["participation_request_withdrawn"] = "参加支援の依頼の取消(方針の変更)",
        ["guardianship_matter_withdrawn"] = "成年後見の案件の取消(方針の変更)",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["caseStatuses"] = Statuses,
            ["caseTracks"] = Tracks,
            ["closureReasons"] = ClosureReasons,
            ["reopenReasons"] = ReopenReasons,
            ["suspensionReasons"] = SuspensionReasons,
            ["progressRecordKinds"] = ProgressRecordKinds,
            ["trackChangeReasons"] = TrackChangeReasons,
            ["involvementRoles"] = InvolvementRoles,
            ["involvementEndReasons"] = InvolvementEndReasons,
            ["referralRoutes"] = ReferralRoutes,
            ["concerns"] = Concerns,
            ["householdTypes"] = HouseholdTypes,
            ["timelineSources"] = TimelineSources,
            ["timelineKinds"] = TimelineKinds,
        };
}
