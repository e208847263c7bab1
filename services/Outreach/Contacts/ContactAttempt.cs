using Jusou.Outreach.Codes;

namespace Jusou.Outreach.Contacts;

/// <summary>
/// One try to reach a target — a visit, a call, a letter, a word through the family or the 民生委員 — and what came of
/// it. The notes are confidential: only outreach workers and their manager read them, and every read is audited.
/// </summary>
[PartOfPersonalDataFile(typeof(Targets.Target), Via = nameof(TargetId))]
public sealed class ContactAttempt : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid TargetId { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary><see cref="OutreachCodes.ContactMethods"/></summary>
    public string Method { get; init; } = "";
    /// <summary><see cref="OutreachCodes.ContactOutcomes"/></summary>
    public string Outcome { get; init; } = "";
    /// <summary>Confidential.</summary>
    public string? Notes { get; init; }
    /// <summary>The contact planned next, as decided at this attempt.</summary>
    public DateOnly? NextContactOn { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ContactAttempt>(attempt =>
    {
        attempt.ToTable("contact_attempts");
        attempt.Property(a => a.Method).HasMaxLength(40);
        attempt.Property(a => a.Outcome).HasMaxLength(40);
        attempt.Property(a => a.Notes).HasMaxLength(ContactRequest.NotesMaxLength);
        attempt.HasOne<Targets.Target>().WithMany().HasForeignKey(a => a.TargetId);
        attempt.HasIndex(a => new { a.TenantCode, a.TargetId, a.At });
    });
}
