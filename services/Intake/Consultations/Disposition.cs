using System.ComponentModel.DataAnnotations;
using Jusou.Contracts.Intake;
using Jusou.Intake.Codes;
using Jusou.Intake.Consents;
using Jusou.Intake.Referrals;

namespace Jusou.Intake.Consultations;

/// <summary>What was decided at intake (対応), and with whom it may be shared.</summary>
public sealed record DispositionRequest(
    string Disposition, string? SharingRule = null, [property: MaxLength(Lengths.OrganisationCode)] string? ReferredOrganisationCode = null,
    [property: MaxLength(Referral.ReasonMaxLength)] string? ReferralReason = null)
{
    /// <summary>The disposition's rules but its length limits, which the request that carries it checks (<see cref="Validation.Limits"/>).</summary>
    public Validation Validate(string prefix = "")
    {
        var validation = new Validation()
            .Require($"{prefix}disposition", Disposition)
            .OneOf($"{prefix}disposition", Disposition, IntakeCodes.Dispositions)
            .OneOf($"{prefix}sharingRule", SharingRule, IntakeCodes.SharingRules);
        if (Disposition is not null and not "advice_closed" && SharingRule is null)
        {
            validation.Add($"{prefix}sharingRule",
                "Passing the consultation on shares personal data with another organisation: say which rule allows it (consent or support_meeting).");
        }
        if (Disposition == "referred_to_agency" && string.IsNullOrWhiteSpace(ReferredOrganisationCode))
        {
            validation.Add($"{prefix}referredOrganisationCode", "Name the organisation the consultation is referred to.");
        }
        return validation;
    }
}

/// <summary>
/// A disposition: the sharing rule that must allow it (<see cref="Refusal"/>), then moving the consultation on and
/// storing the event for the receiving service — all in the caller's unit of work.
/// </summary>
public static class Disposition
{
    /// <summary>The audit trail's action for a disposition: closing with advice, or referring (sharing) on.</summary>
    public static string AuditAction(string disposition) => disposition == "advice_closed" ? "close" : "refer";

    /// <summary>The organisation each disposition shares with, as consent scopes name it.</summary>
    public static string Receiver(DispositionRequest request) => request.Disposition switch
    {
        "referred_to_agency" => request.ReferredOrganisationCode!.Trim(),
        var service => service, // multi_agency, outreach, participation, rights: the programme's own organisations
    };

    /// <summary>
    /// The consent rule and its exception (社会福祉法第106条の6): sharing needs the person's recorded consent covering
    /// the receiver and the purpose "referral" — or, for 多機関協働 and アウトリーチ, a referral into the 支援会議, whose
    /// members are bound by 守秘義務. <paramref name="activeConsents"/> are the person's consents not withdrawn. Returns
    /// the refusal (the caller answers it with <see cref="SharingRefusal.RefuseAsync"/>), or null when allowed.
    /// </summary>
    public static SharingRefusal? Refusal(DispositionRequest request, Guid? personId, IEnumerable<Consent> activeConsents)
    {
        if (request.Disposition == "advice_closed") return null;
        var label = IntakeCodes.Dispositions[request.Disposition];
        var facts = new Dictionary<string, object?> { ["disposition"] = request.Disposition };

        if (request.SharingRule == "support_meeting")
        {
            return IntakeCodes.SupportMeetingDispositions.Contains(request.Disposition)
                ? null
                : new SharingRefusal(SharingRefusal.ConsentRequired, "This referral needs the person's consent.",
                    $"「{label}」 shares personal data outside the 支援会議: the 法106条の6 exception covers only 多機関協働へ and アウトリーチへ. Record the person's consent first.",
                    facts);
        }

        if (personId is null)
        {
            return new SharingRefusal(SharingRefusal.ConsentRequired, "An anonymous consultation has no consent to rely on.",
                "Link the consultation to a person and record their consent, or refer it into the 支援会議 (sharingRule support_meeting) where that is allowed.",
                facts);
        }
        var receiver = Receiver(request);
        return activeConsents.Any(c => c.Covers(receiver, "referral"))
            ? null
            : new SharingRefusal(SharingRefusal.ConsentRequired, "No consent covers this referral.",
                $"The person has no active consent to share with '{receiver}' for referral (つなぎ). Record it, or refer into the 支援会議 where that is allowed.",
                facts);
    }

    /// <summary><see cref="Refusal"/> for a consultation, with the person's active consents read when the rule needs them.</summary>
    public static async Task<SharingRefusal?> RefusalAsync(IntakeDbContext db, Consultation consultation, DispositionRequest request,
        CancellationToken cancellationToken)
    {
        var needsConsents = request.Disposition != "advice_closed" && request.SharingRule != "support_meeting" && consultation.PersonId is not null;
        var consents = needsConsents
            ? await db.Consents.AsNoTracking().Where(c => c.PersonId == consultation.PersonId && c.WithdrawnAt == null).ToListAsync(cancellationToken)
            : [];
        return Refusal(request, consultation.PersonId, consents);
    }

    /// <summary>
    /// Applies an allowed disposition by <paramref name="by"/> (call only after <see cref="RefusalAsync"/> returned null):
    /// moves the consultation on and stores the event for the receiving service. The caller audits it
    /// (<see cref="AuditAction"/>, with the consultation's sharing rule as the rule that allowed it).
    /// </summary>
    public static async Task ApplyAsync(IntakeDbContext db, Consultation consultation, DispositionRequest request, string by,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.Required;
        consultation.Disposition = request.Disposition;
        consultation.SharingRule = request.Disposition == "advice_closed" ? null : request.SharingRule;
        consultation.ChangeStatus(request.Disposition == "advice_closed" ? "closed" : "referred", by, now, request.Disposition);

        var id = Guid.CreateVersion7();
        var sharing = consultation.SharingRule!;
        switch (request.Disposition)
        {
            case "advice_closed":
                db.Publish(new ConsultationClosed(id, now, tenant, consultation.Id, consultation.PersonId, request.Disposition));
                break;
            case "multi_agency":
                // The case-conference report counts cases by 相談経路 and 世帯類型: codes MultiAgency cannot get otherwise.
                var householdType = consultation.PersonId is { } personId
                    ? await db.Households.AsNoTracking().Where(h => h.Members.Any(m => m.PersonId == personId))
                        .OrderBy(h => h.Id).Select(h => h.HouseholdType).FirstOrDefaultAsync(cancellationToken)
                    : null;
                db.Publish(new ConsultationReferred(id, now, tenant, consultation.Id, consultation.PersonId, consultation.MainConcern, sharing,
                    consultation.ReferralRoute, householdType, consultation.DistrictCode));
                break;
            case "outreach":
                db.Publish(new ConsultationReferredToOutreach(id, now, tenant, consultation.Id, consultation.PersonId,
                    consultation.DistrictCode, consultation.MainConcern, sharing));
                break;
            case "participation":
                db.Publish(new ConsultationReferredToParticipation(id, now, tenant, consultation.Id, consultation.PersonId,
                    consultation.DistrictCode, consultation.MainConcern, sharing));
                break;
            case "rights":
                db.Publish(new ConsultationReferredToRightsAdvocacy(id, now, tenant, consultation.Id, consultation.PersonId,
                    consultation.MainConcern, sharing));
                break;
            case "referred_to_agency":
                var referral = new Referral
                {
                    ConsultationId = consultation.Id,
                    OrganisationCode = Receiver(request),
                    Reason = Validation.Normalize(request.ReferralReason),
                    SharingRule = sharing,
                    SentAt = now,
                    SentBy = by,
                };
                db.Referrals.Add(referral);
                db.Publish(new ConsultationReferredToAgency(id, now, tenant, referral.Id, consultation.Id, consultation.PersonId,
                    referral.OrganisationCode, sharing));
                break;
        }
    }
}
