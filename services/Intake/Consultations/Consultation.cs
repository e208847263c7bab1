using Jusou.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.Consultations;

/// <summary>
/// 相談受付: one consultation, accepted with as little as is known (断らない相談: even anonymous).
/// </summary>
public sealed class Consultation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary><see cref="ConsultationCodes.Channels"/></summary>
    public string Channel { get; init; } = "";
    /// <summary>相談内容 (main), <see cref="ConsultationCodes.Concerns"/>.</summary>
    public string? MainConcern { get; init; }
    /// <summary>Confidential: never leaves Intake.</summary>
    public string? Summary { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary><see cref="ConsultationCodes.Dispositions"/>; null while still open.</summary>
    public string? Disposition { get; set; }
    /// <summary>Which rule allowed sharing on referral: "consent" or "support_meeting" (法106条の6).</summary>
    public string? SharingRule { get; set; }
    /// <summary>The worker (token subject) who recorded it, and the organisation they act for.</summary>
    public string RecordedBy { get; init; } = "";
    public string? Organisation { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>Row version (PostgreSQL xmin) for optimistic concurrency.</summary>
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Consultation>(consultation =>
    {
        consultation.HasKey(c => c.Id);
        consultation.Property(c => c.TenantCode).HasMaxLength(6);
        consultation.Property(c => c.Channel).HasMaxLength(40);
        consultation.Property(c => c.MainConcern).HasMaxLength(40);
        consultation.Property(c => c.Summary).HasMaxLength(ConsultationRequest.SummaryMaxLength);
        consultation.Property(c => c.Disposition).HasMaxLength(40);
        consultation.Property(c => c.SharingRule).HasMaxLength(40);
        consultation.Property(c => c.RecordedBy).HasMaxLength(200);
        consultation.Property(c => c.Organisation).HasMaxLength(200);
        consultation.Property(c => c.Version).IsRowVersion();
        consultation.HasIndex(c => new { c.TenantCode, c.ReceivedAt });
    });
}
