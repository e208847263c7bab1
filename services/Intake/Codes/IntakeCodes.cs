using Jusou.Contracts.Codes;

namespace Jusou.Intake.Codes;

/// <summary>
/// Intake's code tables: stable codes on the wire and in events, Japanese labels for people (docs/architecture.md#glossary and the
/// national 相談受付・申込票). GET /api/intake/codes serves them all.
/// </summary>
public static class IntakeCodes
{
    /// <summary>The consultation status codes, for the rules that name one (labels in <see cref="ConsultationStatuses"/>).</summary>
    public static class ConsultationStatus
    {
        public const string Open = "open";
        public const string Referred = "referred";
        public const string Closed = "closed";
    }

    /// <summary>A person record is active, or merged into its survivor (kept, never shown as a separate person).</summary>
    public static class PersonStatus
    {
        public const string Active = "active";
        public const string Merged = "merged";
    }

    /// <summary>A possible duplicate awaiting review, dismissed, or resolved by a merge.</summary>
    public static class DuplicateFlagStatus
    {
        public const string Open = "open";
        public const string Dismissed = "dismissed";
        public const string Merged = "merged";
    }

    /// <summary>住民基本台帳: whether the person is a resident (the 住基 link may say they moved away or died).</summary>
    public static class ResidentStatus
    {
        public const string Resident = "resident";
    }

    /// <summary>受付方法: how the consultation reached us.</summary>
    public static readonly IReadOnlyDictionary<string, string> Channels = new Dictionary<string, string>
    {
        ["counter"] = "窓口",
        ["phone"] = "電話",
        ["visit"] = "訪問",
        ["district_centre"] = "地区センター",
        ["online"] = "オンライン",
        ["from_agency"] = "関係機関から",
    };

    /// <summary>相談経路: who brought the consultation (Tono's report column).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReferralRoutes = ProgrammeCodes.ReferralRoutes;

    /// <summary>相談内容: one main (◎) and any secondary (○).</summary>
    public static readonly IReadOnlyDictionary<string, string> Concerns = ProgrammeCodes.Concerns;

    /// <summary>世帯類型 (Tono's report column).</summary>
    public static readonly IReadOnlyDictionary<string, string> HouseholdTypes = ProgrammeCodes.HouseholdTypes;

    /// <summary>続柄: a member's relationship to the household's 本人.</summary>
    public static readonly IReadOnlyDictionary<string, string> Relationships = new Dictionary<string, string>
    {
        ["self"] = "本人",
        ["spouse"] = "配偶者",
        ["child"] = "子",
        ["parent"] = "父母",
        ["sibling"] = "兄弟姉妹",
        ["grandparent"] = "祖父母",
        ["grandchild"] = "孫",
        ["other_relative"] = "その他の親族",
        ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, string> Sexes = new Dictionary<string, string>
    {
        ["female"] = "女性",
        ["male"] = "男性",
        ["other"] = "その他",
        ["not_stated"] = "回答しない",
    };

    /// <summary>来談者: who came, when someone consults on the person's behalf.</summary>
    public static readonly IReadOnlyDictionary<string, string> Visitors = new Dictionary<string, string>
    {
        ["self"] = "本人",
        ["family"] = "家族・親族",
        ["agency"] = "関係機関",
        ["neighbour"] = "近隣・知人",
        ["welfare_commissioner"] = "民生委員・児童委員",
        ["other"] = "その他",
    };

    /// <summary>対応: what was decided at intake. Every disposition but advice_closed shares data with another organisation.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dispositions = new Dictionary<string, string>
    {
        ["advice_closed"] = "助言・情報提供で終了",
        ["referred_to_agency"] = "他機関へつなぎ",
        ["multi_agency"] = "多機関協働へ",
        ["outreach"] = "アウトリーチへ",
        ["participation"] = "参加支援へ",
        ["rights"] = "権利擁護へ",
    };

    /// <summary>The rule under which personal data may be shared with another organisation.</summary>
    public static readonly IReadOnlyDictionary<string, string> SharingRules = new Dictionary<string, string>
    {
        ["consent"] = "本人同意",
        ["support_meeting"] = "支援会議(社会福祉法第106条の6・守秘義務)",
    };

    /// <summary>Dispositions that may go to the 支援会議 without consent: the meeting exists for people not yet consenting.</summary>
    public static readonly IReadOnlySet<string> SupportMeetingDispositions = new HashSet<string> { "multi_agency", "outreach" };

    /// <summary>相談受付・申込票: the two national versions.</summary>
    public static readonly IReadOnlyDictionary<string, string> ConsentPaths = new Dictionary<string, string>
    {
        ["with_consent"] = "本人同意あり",
        ["without_consent"] = "本人同意なし",
    };

    /// <summary>What a consent allows.</summary>
    public static readonly IReadOnlyDictionary<string, string> ConsentPurposes = new Dictionary<string, string>
    {
        ["information_sharing"] = "関係機関との情報共有",
        ["referral"] = "関係機関へのつなぎ",
        ["case_conference"] = "重層的支援会議等での検討",
    };

    public static readonly IReadOnlyDictionary<string, string> ConsentMethods = new Dictionary<string, string>
    {
        ["signed_form"] = "書面(署名)",
        ["verbal"] = "口頭",
        ["electronic"] = "電子",
    };

    public static readonly IReadOnlyDictionary<string, string> ConsultationStatuses = new Dictionary<string, string>
    {
        ["open"] = "受付中",
        ["referred"] = "つなぎ済",
        ["closed"] = "終了",
    };

    /// <summary>
    /// Closed-loop referral to a named organisation (他機関へつなぎ), in the states of the FHIR SDOH referral (Task.status;
    /// in-progress and on-hold written with an underscore like every code here). The old codes sent and done are still
    /// accepted as input for requested and completed.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ReferralStatuses = new Dictionary<string, string>
    {
        ["requested"] = "依頼中",
        ["accepted"] = "受理",
        ["rejected"] = "不受理",
        ["cancelled"] = "取消(依頼元)",
        ["in_progress"] = "対応中",
        ["on_hold"] = "保留",
        ["completed"] = "対応完了",
        ["failed"] = "対応不能",
    };

    /// <summary>What a completed referral delivered (its output).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReferralOutputs = new Dictionary<string, string>
    {
        ["service_started"] = "サービス・支援の利用開始",
        ["application_made"] = "申請・手続の実施",
        ["consultation_held"] = "相談対応の実施",
        ["information_provided"] = "情報提供",
        ["linked_onward"] = "さらに他機関へつなぎ",
        ["other"] = "その他",
    };

    public static readonly IReadOnlyDictionary<string, string> DuplicateReasons = new Dictionary<string, string>
    {
        ["same_kana_and_birth_date"] = "フリガナと生年月日が一致",
        ["same_name_and_birth_date"] = "氏名と生年月日が一致",
        ["similar_kana_same_birth_date"] = "生年月日が一致しフリガナが類似",
    };

    /// <summary>Every table, by the name GET /api/intake/codes uses.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["channels"] = Channels,
            ["referralRoutes"] = ReferralRoutes,
            ["concerns"] = Concerns,
            ["householdTypes"] = HouseholdTypes,
            ["relationships"] = Relationships,
            ["sexes"] = Sexes,
            ["visitors"] = Visitors,
            ["dispositions"] = Dispositions,
            ["sharingRules"] = SharingRules,
            ["consentPaths"] = ConsentPaths,
            ["consentPurposes"] = ConsentPurposes,
            ["consentMethods"] = ConsentMethods,
            ["consultationStatuses"] = ConsultationStatuses,
            ["referralStatuses"] = ReferralStatuses,
            ["referralOutputs"] = ReferralOutputs,
            ["duplicateReasons"] = DuplicateReasons,
            ["residencyChanges"] = Residency.ResidencyFile.ChangeCodes,
        };
}
