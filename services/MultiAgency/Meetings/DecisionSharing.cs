using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.Meetings;

/// <summary>A decision the consent rule refuses: the rule's code (for the problem and the audit row), a title and why.</summary>
public sealed record DecisionRefusal(string Rule, string Title, string Detail);

/// <summary>
/// The consent rule for a meeting's decisions (方針), the one Intake applies at disposition: passing a case on to a
/// programme shares personal data with its organisations, which needs the person's consent — or, for 多機関協働 and
/// アウトリーチ only, the 支援会議, whose members are bound by 守秘義務 (社会福祉法第106条の6). A case on the consented track
/// (本人同意あり) may go anywhere; one on the 支援会議 track only where the exception reaches. Decisions that keep the
/// case where it is (関係機関で対応継続, 見守り, 終結) share nothing new.
/// </summary>
public static class DecisionSharing
{
    /// <summary>The rule a refusal names: the decision needs the person's consent.</summary>
    public const string ConsentRequired = "consent_required";

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

    /// <summary>The programmes the 法106条の6 exception lets a 支援会議 pass a case to without consent (Intake's SupportMeetingDispositions).</summary>
    public static readonly IReadOnlySet<string> SupportMeetingProgrammes = new HashSet<string> { "multi_agency", "outreach" };

    /// <summary>Null when the decision is allowed for a case on <paramref name="track"/>, else why not.</summary>
    public static DecisionRefusal? Refusal(string track, string decision)
    {
        if (track == "consented") return null;
        var programme = SharesWith.GetValueOrDefault(decision);
        if (programme is null || SupportMeetingProgrammes.Contains(programme)) return null;
        var label = MeetingCodes.Decisions.GetValueOrDefault(decision, decision);
        return new DecisionRefusal(ConsentRequired, "This decision needs the person's consent.",
            $"「{label}」 shares the case outside the 支援会議: the 社会福祉法第106条の6 exception covers only 多機関協働事業へ and アウトリーチ等継続的支援事業へ. "
            + $"The case is on the track 「{SupportCaseCodes.Tracks.GetValueOrDefault(track, track)}」; record the person's consent and move the case to the consented track first.");
    }
}
