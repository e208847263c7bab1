using Jusou.Contracts.Intake;
using Jusou.Intake.Codes;

namespace Jusou.Intake.Consultations;

/// <summary>
/// 相談受付: one consultation, accepted with as little as is known (断らない相談: even anonymous, linked to a person
/// later). Its follow-ups (継続相談) and every status change are kept with it.
/// </summary>
[PersonalDataFile("包括的相談支援 相談記録", "包括的相談支援事業 (社会福祉法 第106条の4第2項第1号) の相談受付、振り分け、関係機関へのつなぎと経過の記録",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true,
    Recipients = "支援関係機関 (本人同意又は支援会議 (社会福祉法 第106条の6) の範囲でつなぎ先へ)")]
public sealed class Consultation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary><see cref="IntakeCodes.Channels"/></summary>
    public string Channel { get; init; } = "";
    /// <summary>相談経路, <see cref="IntakeCodes.ReferralRoutes"/>.</summary>
    public string? ReferralRoute { get; init; }
    /// <summary>相談内容 (main, ◎), <see cref="IntakeCodes.Concerns"/>.</summary>
    public string? MainConcern { get; init; }
    /// <summary>相談内容 (others, ○).</summary>
    public List<string> SecondaryConcerns { get; init; } = [];
    /// <summary>Confidential: never leaves Intake.</summary>
    public string? Summary { get; init; }
    public Guid? PersonId { get; set; }
    /// <summary>来談者: who came, <see cref="IntakeCodes.Visitors"/>.</summary>
    public string? Visitor { get; init; }
    /// <summary>Which national form was used, <see cref="IntakeCodes.ConsentPaths"/>.</summary>
    public string? ConsentPath { get; init; }
    public string? DistrictCode { get; init; }
    /// <summary><see cref="IntakeCodes.ConsultationStatuses"/></summary>
    public string Status { get; set; } = IntakeCodes.ConsultationStatus.Open;
    /// <summary><see cref="IntakeCodes.Dispositions"/>; null while open.</summary>
    public string? Disposition { get; set; }
    /// <summary>Which rule allowed sharing on referral: consent or support_meeting (法106条の6).</summary>
    public string? SharingRule { get; set; }
    /// <summary>Where it came from when not a counter: e.g. "outreach" and the outreach target's id.</summary>
    public string? Source { get; init; }
    public Guid? SourceId { get; init; }
    /// <summary>The worker (token subject) who recorded it, and the organisation they act for.</summary>
    public string RecordedBy { get; init; } = "";
    public string? OrganisationCode { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>When the 多機関協働 case this consultation was referred to was closed (終結), and why (MultiAgency's code).</summary>
    public DateTimeOffset? SupportCaseClosedAt { get; private set; }
    public string? SupportCaseClosureReason { get; private set; }
    /// <summary>When the case was last reopened (再開): a closure from before it no longer stands.</summary>
    public DateTimeOffset? SupportCaseReopenedAt { get; private set; }
    public List<ConsultationFollowUp> FollowUps { get; init; } = [];
    public List<ConsultationStatusChange> StatusHistory { get; init; } = [];
    public uint Version { get; private set; }

    public void ChangeStatus(string status, string by, DateTimeOffset at, string? disposition = null)
    {
        Status = status;
        StatusHistory.Add(new ConsultationStatusChange { ConsultationId = Id, Status = status, Disposition = disposition, ChangedBy = by, ChangedAt = at });
    }

    /// <summary>True when the consultation already names someone else: only a reviewed person merge moves it.</summary>
    public bool IsLinkedToAnotherThan(Guid personId) => PersonId is { } linked && linked != personId;

    /// <summary>
    /// Links the consultation to the person it is about and announces it, so that every service's records opened from it
    /// (a support case, an outreach target it was handed on from …) name the person too. Null when it already named them.
    /// </summary>
    public ConsultationLinkedToPerson? LinkTo(Guid personId, DateTimeOffset at)
    {
        if (IsLinkedToAnotherThan(personId)) throw new InvalidOperationException("The consultation is linked to another person.");
        if (PersonId == personId) return null;
        PersonId = personId;
        var handedOnFrom = Source == OutreachHandedOffConsumer.Source ? SourceId : null;
        return new ConsultationLinkedToPerson(Guid.CreateVersion7(), at, TenantCode, Id, personId, handedOnFrom);
    }

    /// <summary>Whether the consultation went to 多機関協働, whose persons the 制度切れ age watch follows.</summary>
    public bool WentToMultiAgency => Disposition == "multi_agency";

    /// <summary>
    /// The case this consultation became was closed: the loop of the referral is closed too. The consultation keeps
    /// its status (継続相談 stays possible); a later closure (after a reopen) replaces an earlier one, never the reverse.
    /// </summary>
    public void RecordSupportCaseClosed(DateTimeOffset at, string reason)
    {
        if (SupportCaseClosedAt >= at || SupportCaseReopenedAt >= at) return;
        SupportCaseClosedAt = at;
        SupportCaseClosureReason = reason;
    }

    /// <summary>
    /// The case was reopened: a closure recorded before <paramref name="at"/> no longer stands. Order-free with
    /// <see cref="RecordSupportCaseClosed"/>: whichever arrives first, the later of the two moments wins.
    /// </summary>
    public void RecordSupportCaseReopened(DateTimeOffset at)
    {
        if (SupportCaseReopenedAt >= at) return;
        SupportCaseReopenedAt = at;
        if (SupportCaseClosedAt < at)
        {
            SupportCaseClosedAt = null;
            SupportCaseClosureReason = null;
        }
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Consultation>(consultation =>
        {
            consultation.Property(c => c.Channel).HasMaxLength(40);
            consultation.Property(c => c.ReferralRoute).HasMaxLength(60);
            consultation.Property(c => c.MainConcern).HasMaxLength(40);
            consultation.Property(c => c.Summary).HasMaxLength(ConsultationRequest.SummaryMaxLength);
            consultation.Property(c => c.Visitor).HasMaxLength(40);
            consultation.Property(c => c.ConsentPath).HasMaxLength(40);
            consultation.Property(c => c.DistrictCode).HasMaxLength(Lengths.DistrictCode);
            consultation.Property(c => c.Status).HasMaxLength(20);
            consultation.Property(c => c.Disposition).HasMaxLength(40);
            consultation.Property(c => c.SharingRule).HasMaxLength(40);
            consultation.Property(c => c.Source).HasMaxLength(40);
            consultation.Property(c => c.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            consultation.Property(c => c.SupportCaseClosureReason).HasMaxLength(40);
            consultation.Property(c => c.Version).IsRowVersion();
            consultation.HasIndex(c => new { c.TenantCode, c.ReceivedAt });
            consultation.HasIndex(c => new { c.TenantCode, c.PersonId });
            // One consultation per hand-off, however often the event arrives.
            consultation.HasIndex(c => new { c.TenantCode, c.Source, c.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
            consultation.HasMany(c => c.FollowUps).WithOne().HasForeignKey(f => f.ConsultationId);
            consultation.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(s => s.ConsultationId);
        });
        modelBuilder.Entity<ConsultationFollowUp>(followUp =>
        {
            followUp.ToTable("consultation_follow_ups");
            followUp.Property(f => f.Channel).HasMaxLength(40);
            followUp.Property(f => f.Note).HasMaxLength(ConsultationRequest.SummaryMaxLength);
        });
        modelBuilder.Entity<ConsultationStatusChange>(change =>
        {
            change.ToTable("consultation_status_changes");
            change.Property(s => s.Status).HasMaxLength(20);
            change.Property(s => s.Disposition).HasMaxLength(40);
        });
    }
}

/// <summary>継続相談: a later contact on the same consultation.</summary>
public sealed class ConsultationFollowUp
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConsultationId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Channel { get; init; } = "";
    /// <summary>Confidential.</summary>
    public string? Note { get; init; }
    public string RecordedBy { get; init; } = "";
}

public sealed class ConsultationStatusChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConsultationId { get; init; }
    public string Status { get; init; } = "";
    public string? Disposition { get; init; }
    public string ChangedBy { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
}
