namespace Jusou.MultiAgency.HandOffs;

/// <summary>Code tables of hand-offs: the plan actions handed to their organisations (依頼) and what came of them.</summary>
public static class HandOffCodes
{
    public const string Sent = "sent";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Done = "done";
    public const string Withdrawn = "withdrawn";

    /// <summary>
    /// A hand-off's lifecycle: sent on approval; then accepted or declined; an accepted one is done with what was delivered.
    /// A live one (sent, accepted) is withdrawn when a new plan version drops its action or the case closes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    {
        [Sent] = "依頼中(未回答)",
        [Accepted] = "受諾",
        [Declined] = "辞退",
        [Done] = "完了",
        [Withdrawn] = "取下げ(プラン改訂・終結)",
    };

    /// <summary>Why an organisation declined the action handed to it.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeclineReasons = new Dictionary<string, string>
    {
        ["no_capacity"] = "受入れ余力なし",
        ["out_of_scope"] = "所掌外・対象外",
        ["already_supported"] = "既に他の支援を受けている",
        ["person_declined"] = "本人・家族が希望しない",
        ["other"] = "その他",
    };

    /// <summary>What the organisation delivered when it completed the action (成果).</summary>
    public static readonly IReadOnlyDictionary<string, string> Outputs = new Dictionary<string, string>
    {
        ["service_started"] = "サービス・制度の利用開始",
        ["visit_made"] = "訪問・面談の実施",
        ["information_provided"] = "情報提供・助言",
        ["application_supported"] = "申請・手続きの支援",
        ["connected_elsewhere"] = "他の機関・地域資源へつないだ",
        ["not_delivered"] = "実施できなかった",
        ["other"] = "その他",
    };

    /// <summary>Why a live hand-off was withdrawn.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithdrawalReasons = new Dictionary<string, string>
    {
        ["plan_revised"] = "プラン改訂でなくなった",
        ["case_closed"] = "ケース終結",
        ["consent_withdrawn"] = "本人同意の撤回",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> All =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["taskStatuses"] = Statuses,
            ["taskDeclineReasons"] = DeclineReasons,
            ["taskOutputs"] = Outputs,
            ["taskWithdrawalReasons"] = WithdrawalReasons,
        };
}
