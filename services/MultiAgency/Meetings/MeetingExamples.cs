namespace Jusou.MultiAgency.Meetings;

/// <summary>Examples shown in MultiAgency's OpenAPI document: Tono's monthly ケース共有会議 (支援会議).</summary>
public static class MeetingExamples
{
    private static readonly Guid Case = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000201");
    private static readonly Guid OtherCase = Guid.Parse("0193a5b0-7c1e-7a4e-9f00-000000000202");

    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(MeetingRequest)] = new MeetingRequest(new DateOnly(2021, 5, 20), MeetingCodes.SupportMeeting, "第1回 ケース共有会議",
            [new AttendeeRequest("tono-welfare-division", "secretariat", "coordinator-1"), new AttendeeRequest("tono-shakyo", "marugoto_counsellor")],
            [new MeetingItemRequest(Case, null, "to_multi_agency", "本人の同意に向けて丸ごと相談員が訪問を継続"), new MeetingItemRequest(OtherCase)]),
        [typeof(MeetingItemRequest)] = new MeetingItemRequest(Case, "multi_agency", null, "プランの進捗を確認"),
        [typeof(MeetingItemUpdate)] = new MeetingItemUpdate("case_sharing", "to_outreach", "民生委員と訪問を継続"),
        [typeof(MeetingPatch)] = new MeetingPatch(null, "出席6機関。2件を多機関協働事業へ。"),
        [typeof(AttendeeRequest)] = new AttendeeRequest("tono-community-general-support-centre", "agency_worker", "houkatsu-1"),
    };
}
