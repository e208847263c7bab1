using Jusou.MultiAgency.Consents;

namespace Jusou.MultiAgency.Meetings;

/// <summary>
/// The consent rule (<see cref="ConsentRule"/>) for a meeting's decisions (方針): passing a case on to a programme shares
/// it with that programme's organisations. A case on the consented track may go anywhere; one on the 支援会議 track only
/// where the 法106条の6 exception reaches. Decisions that keep the case where it is (関係機関で対応継続, 見守り, 終結)
/// share nothing new.
/// </summary>
public static class DecisionSharing
{
    /// <summary>What each decision shares the case with: the programme whose service opens a record for it, or nobody new (null).</summary>
    public static readonly IReadOnlyDictionary<string, string?> SharesWith = new Dictionary<string, string?>
    {
        ["to_multi_agency"] = "multi_agency",
        ["to_outreach"] = "outreach",
        ["to_participation"] = "participation",
        ["to_rights_advocacy"] = "rights",
        ["continue_with_agencies"] = null,
        ["watch"] = null,
        ["close"] = null,
    };

    /// <summary>Null when the decision is allowed for a case on <paramref name="track"/>, else why not.</summary>
    public static SharingRefusal? Refusal(string track, string decision)
    {
        if (SharesWith.GetValueOrDefault(decision) is not { } programme) return null;
        return ConsentRule.ToHandOver(track, programme, $"The decision 「{MeetingCodes.Decisions.GetValueOrDefault(decision, decision)}」");
    }
}
