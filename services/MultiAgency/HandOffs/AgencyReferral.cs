using Jusou.Contracts.Intake;
using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.HandOffs;

/// <summary>
/// What MultiAgency knows of a referral Intake sent to an organisation (他機関へつなぎ): ids, codes and times from
/// ConsultationReferredToAgency and AgencyReferralStatusChanged — the reason and the answers stay in Intake. Kept so that
/// the watch can raise referral_unanswered on the open cases of the referral's person (or of its consultation) while the
/// referral is still requested after the tenant's unansweredDays. The two events may arrive in either order.
/// </summary>
[PartOfPersonalDataFile(typeof(SupportCase))]
public sealed class AgencyReferral : ITenantOwned
{
    public const string Requested = "requested";

    /// <summary>Intake's referral id.</summary>
    public Guid Id { get; init; }
    public string TenantCode { get; set; } = "";
    public Guid? ConsultationId { get; set; }
    /// <summary>The person, when the consultation names one; follows Intake's links and merges.</summary>
    public Guid? PersonId { get; set; }
    public string OrganisationCode { get; set; } = "";
    /// <summary>Intake's referral status (requested, accepted, rejected, cancelled, in_progress, on_hold, completed, failed).</summary>
    public string Status { get; private set; } = Requested;
    /// <summary>When the status was last reported (so an older report arriving late changes nothing).</summary>
    public DateTimeOffset StatusAt { get; private set; }
    /// <summary>When Intake sent it; null until ConsultationReferredToAgency has arrived.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Takes in a move Intake reported, unless a later one is already known.</summary>
    public void Moved(string status, DateTimeOffset at)
    {
        if (at < StatusAt) return;
        Status = status;
        StatusAt = at;
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AgencyReferral>(referral =>
    {
        referral.ToTable("agency_referrals");
        referral.Property(r => r.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        referral.Property(r => r.Status).HasMaxLength(20);
        referral.HasIndex(r => new { r.TenantCode, r.Status, r.SentAt });
        referral.HasIndex(r => new { r.TenantCode, r.PersonId });
    });
}

/// <summary>Intake sent a referral to an organisation: MultiAgency starts watching it.</summary>
public sealed class ConsultationReferredToAgencyConsumer(MultiAgencyDbContext db)
    : InboxConsumer<ConsultationReferredToAgency, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(ConsultationReferredToAgency sent, CancellationToken cancellationToken)
    {
        var referral = await Db.AgencyReferrals.FirstOrDefaultAsync(r => r.Id == sent.ReferralId, cancellationToken);
        if (referral is null)
        {
            referral = new AgencyReferral { Id = sent.ReferralId, OrganisationCode = sent.OrganisationCode };
            referral.Moved(AgencyReferral.Requested, sent.OccurredAt);
            Db.AgencyReferrals.Add(referral);
        }
        referral.ConsultationId = sent.ConsultationId;
        referral.PersonId ??= sent.PersonId;
        referral.SentAt = sent.OccurredAt;
    }
}

/// <summary>A referral moved in its closed loop at Intake: MultiAgency keeps its status.</summary>
public sealed class AgencyReferralStatusChangedConsumer(MultiAgencyDbContext db)
    : InboxConsumer<AgencyReferralStatusChanged, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(AgencyReferralStatusChanged moved, CancellationToken cancellationToken)
    {
        var referral = await Db.AgencyReferrals.FirstOrDefaultAsync(r => r.Id == moved.ReferralId, cancellationToken);
        if (referral is null)
        {
            // The move arrived before the sending: remember it; the sending fills in the rest.
            referral = new AgencyReferral { Id = moved.ReferralId, ConsultationId = moved.ConsultationId, OrganisationCode = moved.OrganisationCode };
            Db.AgencyReferrals.Add(referral);
        }
        referral.Moved(moved.Status, moved.OccurredAt);
    }
}
