using Jusou.Intake.Codes;
using Jusou.Messaging;
using Microsoft.EntityFrameworkCore;
using Jusou.Messaging.Privacy;

namespace Jusou.Intake.Referrals;

/// <summary>
/// 他機関へつなぎ as a closed loop: sent to a named organisation, which accepts or rejects it and reports when it is
/// done, each time with its answer. No referral is silently dropped: open ones stay visible until answered.
/// </summary>
[PartOfPersonalDataFile(typeof(Consultations.Consultation))]
public sealed class Referral : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid ConsultationId { get; init; }
    public string OrganisationId { get; init; } = "";
    /// <summary>Why this organisation (confidential).</summary>
    public string? Reason { get; init; }
    public string SharingRule { get; init; } = "";
    /// <summary><see cref="IntakeCodes.ReferralStatuses"/></summary>
    public string Status { get; set; } = "sent";
    /// <summary>The receiver's latest answer (confidential).</summary>
    public string? Answer { get; set; }
    public DateTimeOffset SentAt { get; init; }
    public string SentBy { get; init; } = "";
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public uint Version { get; private set; }

    /// <summary>sent → accepted | rejected; accepted → done.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        ("sent", "accepted") or ("sent", "rejected") or ("accepted", "done") => true,
        _ => false,
    };

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Referral>(referral =>
    {
        referral.HasKey(r => r.Id);
        referral.Property(r => r.TenantCode).HasMaxLength(6);
        referral.Property(r => r.OrganisationId).HasMaxLength(200);
        referral.Property(r => r.Reason).HasMaxLength(2000);
        referral.Property(r => r.SharingRule).HasMaxLength(40);
        referral.Property(r => r.Status).HasMaxLength(20);
        referral.Property(r => r.Answer).HasMaxLength(2000);
        referral.Property(r => r.SentBy).HasMaxLength(200);
        referral.Property(r => r.AnsweredBy).HasMaxLength(200);
        referral.Property(r => r.Version).IsRowVersion();
        referral.HasIndex(r => new { r.TenantCode, r.OrganisationId, r.Status });
        referral.HasIndex(r => r.ConsultationId);
    });
}
