using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.Consents;

/// <summary>
/// The consent rule, the one Intake applies at disposition, for what MultiAgency shares. A case is shared with
/// organisations either on the person's consent (the consented track) or inside the 支援会議, whose members are bound by
/// 守秘義務 (the 支援会議 track, 社会福祉法第106条の6):
/// <list type="bullet">
/// <item>the consented track needs a person and their recorded consent covering every organisation the case is shared
/// with, for 関係機関との情報共有 (information_sharing);</item>
/// <item>handing the case to an organisation's programme (a plan action) on the consented track needs consent covering
/// that organisation for つなぎ (referral) as well;</item>
/// <item>on the 支援会議 track the exception reaches only 多機関協働 and アウトリーチ: anything else needs consent first.</item>
/// </list>
/// Every refusal names <see cref="SharingRefusal.ConsentRequired"/>.
/// </summary>
public static class ConsentRule
{
    public const string AnyOrganisation = "*";
    public const string InformationSharing = "information_sharing";
    public const string Referral = "referral";

    /// <summary>The programmes the 法106条の6 exception lets a 支援会議 pass a case to without consent (Intake's SupportMeetingDispositions).</summary>
    public static readonly IReadOnlySet<string> SupportMeetingProgrammes = new HashSet<string> { "multi_agency", "outreach" };

    /// <summary>
    /// May a case of <paramref name="personId"/> be on the consented track, shared with <paramref name="organisationCodes"/>
    /// for <paramref name="purposeCode"/>? Null when yes; otherwise the refusal, naming what is missing.
    /// </summary>
    public static SharingRefusal? ToShare(Guid? personId, IReadOnlyCollection<string> organisationCodes, IReadOnlyCollection<RecordedConsent> consents,
        string purposeCode = InformationSharing)
    {
        if (personId is null)
        {
            return new SharingRefusal(SharingRefusal.ConsentRequired, "An anonymous case has no consent to rely on.",
                "A case is shared on consent only once it is a person's: link its consultation to the person in Intake and record their consent, "
                + "or keep the case on the 支援会議 track (法106条の6).");
        }
        var active = consents.Where(c => c.IsActive).ToList();
        if (!active.Any(c => c.PurposeCodes.Contains(purposeCode)))
        {
            return new SharingRefusal(SharingRefusal.ConsentRequired, "The person has no consent for this.",
                $"No consent of the person in force covers the purpose '{purposeCode}'. Record it in Intake (本人同意), or keep the case on the 支援会議 track (法106条の6).",
                new Dictionary<string, object?> { ["purposeCode"] = purposeCode });
        }
        var uncovered = organisationCodes.Distinct().Where(o => !active.Any(c => c.Covers(o, purposeCode))).Order().ToList();
        if (uncovered.Count == 0) return null;
        return new SharingRefusal(SharingRefusal.ConsentRequired, "The person's consent does not cover every organisation.",
            $"No consent of the person in force covers {string.Join(", ", uncovered.Select(o => $"'{o}'"))} for '{purposeCode}'. "
            + "Record a consent that names them in Intake, or share without them.",
            new Dictionary<string, object?> { ["purposeCode"] = purposeCode, ["organisationCodes"] = uncovered });
    }

    /// <summary>
    /// May a case on <paramref name="track"/> be handed to <paramref name="programme"/> (multi_agency, outreach,
    /// participation, rights, or an organisation's own support: other)? Only the track matters here; on the consented
    /// track the organisations are checked by <see cref="ToShare"/>.
    /// </summary>
    public static SharingRefusal? ToHandOver(string track, string programme, string what)
    {
        if (track == SupportCaseCodes.ConsentedTrack || SupportMeetingProgrammes.Contains(programme)) return null;
        return new SharingRefusal(SharingRefusal.ConsentRequired, "This needs the person's consent.",
            $"{what} shares the case outside the 支援会議: the 社会福祉法第106条の6 exception covers only 多機関協働 and アウトリーチ. "
            + $"The case is on the track 「{SupportCaseCodes.Tracks.GetValueOrDefault(track, track)}」; record the person's consent and move the case to the consented track first.");
    }
}
