namespace Jusou.MultiAgency.Meetings;

/// <summary>
/// Code tables of meetings (会議): the meeting types of Tono and Ina (docs/architecture.md#glossary), attendees' roles, the streams a case is
/// discussed under and the decisions (方針) taken on it. Served by GET /api/multiagency/codes.
/// </summary>
public static class MeetingCodes
{
    /// <summary>The 支援会議 under 社会福祉法第106条の6: cases discussed without consent, minutes confidential to its members.</summary>
    public const string SupportMeeting = "support_meeting";
    public const string MultiLayeredSupportMeeting = "multi_layered_support_meeting";

    /// <summary>Meeting types that approve support plans (プランの承認) and decide closure.</summary>
    public static readonly IReadOnlySet<string> ApprovePlans = new HashSet<string>
    {
        "multi_layered_support_meeting", "participation_outreach_plan_meeting", "multi_layered_case_meeting",
    };

    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        [SupportMeeting] = "支援会議",
        ["multi_layered_support_meeting"] = "重層的支援会議",
        ["participation_outreach_plan_meeting"] = "参加・アウトリーチ支援プラン会議",
        ["multi_layered_case_meeting"] = "重層的支援ケース会議",
        ["consultation_partners_meeting"] = "相談包括化協力員会議",
        ["health_welfare_department_meeting"] = "保健福祉部内重層的支援会議",
        ["health_welfare_policy_meeting"] = "保健福祉政策会議",
        ["community_welfare_support_meeting"] = "地域福祉支援会議(いなくらし会議)",
        ["team_meeting"] = "チーム会議(庁内連携会議)",
    };

    /// <summary>What an attendee is there as.</summary>
    public static readonly IReadOnlyDictionary<string, string> AttendeeRoles = new Dictionary<string, string>
    {
        ["chair"] = "議長・司会",
        ["secretariat"] = "事務局",
        ["coordinator"] = "響働コーディネーター・相談支援包括化推進員",
        ["marugoto_counsellor"] = "丸ごと相談員",
        ["agency_worker"] = "支援機関の担当者",
        ["city_staff"] = "市担当課職員",
        ["welfare_commissioner"] = "民生委員・児童委員",
        ["advisor"] = "助言者(専門職・有識者)",
        ["member"] = "構成員",
    };

    public const string MultiAgencyStream = "multi_agency";
    public const string CaseSharingStream = "case_sharing";

    /// <summary>Under which heading a case is counted (Tono's 検討件数): 多機関協働事業分 or ケース共有分.</summary>
    public static readonly IReadOnlyDictionary<string, string> Streams = new Dictionary<string, string>
    {
        [MultiAgencyStream] = "多機関協働事業分",
        [CaseSharingStream] = "ケース共有分",
    };

    /// <summary>方針: what the meeting decided for a case. What each one does: <see cref="MeetingDecisions"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Decisions = new Dictionary<string, string>
    {
        ["to_multi_agency"] = "多機関協働事業へ",
        ["to_outreach"] = "アウトリーチ等継続的支援事業へ",
        ["to_participation"] = "参加支援へ",
        ["to_rights_advocacy"] = "権利擁護へ",
        ["continue_with_agencies"] = "関係機関で対応継続",
        ["watch"] = "見守り",
        ["close"] = "終結",
    };

    /// <summary>A case with consent is discussed as 多機関協働事業; one without stays a ケース共有 inside the 支援会議.</summary>
    public static string DefaultStreamFor(string caseTrack) => caseTrack == "consented" ? MultiAgencyStream : CaseSharingStream;

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["meetingTypes"] = Types,
            ["meetingAttendeeRoles"] = AttendeeRoles,
            ["meetingStreams"] = Streams,
            ["meetingDecisions"] = Decisions,
            // The types of ApprovePlans with their labels, so a client offers only those when a plan is approved.
            ["meetingTypesApprovingPlans"] = Types.Where(t => ApprovePlans.Contains(t.Key)).ToDictionary(),
        };
}
