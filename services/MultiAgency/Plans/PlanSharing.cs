using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Consents;

namespace Jusou.MultiAgency.Plans;

/// <summary>
/// The consent rule (<see cref="ConsentRule"/>) on approving a plan: each action hands the case to its organisation. On
/// the 支援会議 track only what 法106条の6 allows goes out (アウトリーチ); on the consented track the person's consent must
/// cover each action's organisation for information sharing and for つなぎ (referral).
/// </summary>
public static class PlanSharing
{
    /// <summary>The programme each action kind hands the case to (other: the organisation's own support).</summary>
    public static readonly IReadOnlyDictionary<string, string> ProgrammeOf = new Dictionary<string, string>
    {
        ["participation"] = "participation",
        ["outreach"] = "outreach",
        ["rights"] = "rights",
        ["other"] = "other",
    };

    /// <summary>Null when every action of <paramref name="actions"/> may go out for a case on <paramref name="track"/>; else the first refusal.</summary>
    public static SharingRefusal? Refusal(string track, Guid? personId, IReadOnlyList<PlanAction> actions, IReadOnlyCollection<RecordedConsent> consents)
    {
        foreach (var action in actions)
        {
            var label = PlanCodes.ActionKinds.GetValueOrDefault(action.Kind, action.Kind);
            if (ConsentRule.ToHandOver(track, ProgrammeOf.GetValueOrDefault(action.Kind, "other"), $"The plan's action 「{label}」 for '{action.OrganisationCode}'") is { } refusal)
            {
                return refusal with { Facts = new Dictionary<string, object?> { ["actionId"] = action.ActionId, ["actionKind"] = action.Kind } };
            }
        }
        if (track != SupportCaseCodes.ConsentedTrack || actions.Count == 0) return null;
        var organisations = actions.Select(a => a.OrganisationCode).Distinct().ToList();
        return ConsentRule.ToShare(personId, organisations, consents)
               ?? ConsentRule.ToShare(personId, organisations, consents, ConsentRule.Referral);
    }

    public static async Task<SharingRefusal?> RefusalAsync(MultiAgencyDbContext db, SupportCase supportCase, SupportPlan plan,
        CancellationToken cancellationToken) =>
        Refusal(supportCase.Track, supportCase.PersonId, plan.Actions.OrderBy(a => a.Position).ToList(),
            supportCase.Track == SupportCaseCodes.ConsentedTrack ? await RecordedConsent.InForceAsync(db, supportCase.PersonId, cancellationToken) : []);
}
