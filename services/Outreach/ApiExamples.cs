using Jusou.Outreach.Contacts;
using Jusou.Outreach.HandOffs;
using Jusou.Outreach.Targets;

namespace Jusou.Outreach;

/// <summary>Examples shown in Outreach's OpenAPI document (an 8050 household a 民生委員 worried about).</summary>
public static class ApiExamples
{
    public static readonly IReadOnlyDictionary<Type, object> All = new Dictionary<Type, object>
    {
        [typeof(TargetRequest)] = new TargetRequest("high", "minsei_iin", "80代の母と40代の息子。息子は10年以上外出していない様子。母の足腰が弱ってきた。",
            ["8050", "social_isolation", "care"], "遠野 一郎", "トオノ イチロウ", "岩手県遠野市青笹町1-1", null,
            "elder_with_unmarried_adult_child", "母(82)と本人(47)の二人暮らし。", "aozasa", "outreach-worker-01",
            new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 30)),
        [typeof(StageRequest)] = new StageRequest("relationship"),
        [typeof(ContactRequest)] = new ContactRequest("visit", "absent", new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero),
            "インターホンに応答なし。母宛ての手紙を投函。", new DateOnly(2026, 12, 1)),
        [typeof(HandOffRequest)] = new HandOffRequest("intake", true, "signed_form", new DateOnly(2026, 11, 25), "8050"),
    };
}
