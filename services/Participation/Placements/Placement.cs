using Jusou.Contracts.Participation;
using Jusou.Participation.Codes;
using Jusou.Participation.Opportunities;
using Jusou.Participation.Requests;

namespace Jusou.Participation.Placements;

/// <summary>
/// A person placed at an opportunity: 見学 → 体験 → 参加中 → 終了, with 定着支援 check-ins on a schedule while it lasts.
/// 体験 and 参加中 take one of the opportunity's places.
/// </summary>
[PartOfPersonalDataFile(typeof(ParticipationRequest))]
public sealed class Placement : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid RequestId { get; init; }
    public Guid OpportunityId { get; init; }
    /// <summary>Copied from the request so events reach the case timeline without a join.</summary>
    public Guid? SupportCaseId { get; init; }
    /// <summary><see cref="ParticipationCodes.Stages"/></summary>
    public string Stage { get; private set; } = ParticipationCodes.Stage.Visit;
    public DateOnly StartedOn { get; init; }
    public DateOnly? TrialFrom { get; private set; }
    public DateOnly? ParticipatingFrom { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    /// <summary><see cref="ParticipationCodes.EndReasons"/></summary>
    public string? EndReason { get; private set; }
    /// <summary>Days between 定着支援 check-ins; the next one is due this long after the last.</summary>
    public int CheckInIntervalDays { get; set; } = 14;
    public DateOnly? NextCheckInOn { get; set; }
    public DateOnly? LastCheckInOn { get; set; }
    /// <summary>The worker who follows the placement (token subject).</summary>
    public string? SupportWorker { get; set; }
    /// <summary>What the host needs to know (e.g. 初日は支援員が同行), shown in the host view; nothing more.</summary>
    public string? HostNote { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public uint Version { get; private set; }

    public bool IsActive => Stage != ParticipationCodes.Stage.Ended;

    public bool IsOverdue(DateOnly today) => IsActive && NextCheckInOn is { } due && due < today;

    public bool CanMoveTo(string stage) => ParticipationCodes.StageTransitions[Stage].Contains(stage);

    /// <summary>
    /// Starts a placement at <paramref name="stage"/> and returns its first event. The caller has checked the
    /// opportunity is open and, for a stage that takes a place, not full.
    /// </summary>
    public static (Placement Placement, PlacementStageChanged Event) Start(
        ParticipationRequest request, Opportunity opportunity, string stage, DateOnly on, DateTimeOffset now, string by)
    {
        var placement = new Placement
        {
            TenantCode = request.TenantCode,
            RequestId = request.Id,
            OpportunityId = opportunity.Id,
            SupportCaseId = request.SupportCaseId,
            StartedOn = on,
            CreatedAt = now,
            CreatedBy = by,
        };
        placement.Stage = stage;
        placement.MarkDates(stage, on);
        if (ParticipationCodes.CapacityStages.Contains(stage)) opportunity.CurrentUse++;
        return (placement, new PlacementStageChanged(Guid.CreateVersion7(), now, request.TenantCode, placement.Id, request.Id,
            request.SupportCaseId, opportunity.Id, null, stage, null));
    }

    /// <summary>Moves the placement on, keeping the opportunity's current use in step; returns the event for the timeline.</summary>
    public PlacementStageChanged MoveTo(string stage, string? endReason, DateOnly on, Opportunity opportunity, DateTimeOffset now)
    {
        var from = Stage;
        var tookPlace = ParticipationCodes.CapacityStages.Contains(from);
        var takesPlace = ParticipationCodes.CapacityStages.Contains(stage);
        if (!tookPlace && takesPlace) opportunity.CurrentUse++;
        if (tookPlace && !takesPlace) opportunity.CurrentUse = Math.Max(0, opportunity.CurrentUse - 1);
        Stage = stage;
        MarkDates(stage, on);
        if (stage == "ended")
        {
            EndReason = endReason;
            NextCheckInOn = null;
        }
        return new PlacementStageChanged(Guid.CreateVersion7(), now, TenantCode, Id, RequestId, SupportCaseId, OpportunityId, from, stage, EndReason);
    }

    private void MarkDates(string stage, DateOnly on)
    {
        if (stage == "trial") TrialFrom = on;
        if (stage == "participating") ParticipatingFrom = on;
        if (stage == "ended") EndedOn = on;
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Placement>(placement =>
    {
        placement.ToTable("placements");
        placement.Property(p => p.Stage).HasMaxLength(20);
        placement.Property(p => p.EndReason).HasMaxLength(40);
        placement.Property(p => p.SupportWorker).HasMaxLength(Lengths.Staff);
        placement.Property(p => p.HostNote).HasMaxLength(PlacementBody.HostNoteMaxLength);
        placement.Property(p => p.Version).IsRowVersion();
        placement.Ignore(p => p.IsActive);
        placement.HasOne<ParticipationRequest>().WithMany().HasForeignKey(p => p.RequestId);
        placement.HasOne<Opportunity>().WithMany().HasForeignKey(p => p.OpportunityId);
        placement.HasIndex(p => new { p.TenantCode, p.RequestId });
        placement.HasIndex(p => new { p.TenantCode, p.OpportunityId, p.Stage });
        placement.HasIndex(p => new { p.TenantCode, p.NextCheckInOn });
        // One placement under way per person and place: a second one would double-count the place.
        placement.HasIndex(p => new { p.TenantCode, p.RequestId, p.OpportunityId }).IsUnique().HasFilter("stage <> 'ended'");
    });
}

/// <summary>A 定着支援 check-in: how the placement is going, held with the person (and the host).</summary>
[PartOfPersonalDataFile(typeof(ParticipationRequest))]
public sealed class CheckIn : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PlacementId { get; init; }
    public DateOnly HeldOn { get; init; }
    /// <summary><see cref="ParticipationCodes.CheckInMethods"/></summary>
    public string Method { get; init; } = "";
    /// <summary><see cref="ParticipationCodes.CheckInConditions"/></summary>
    public string Condition { get; init; } = "";
    /// <summary>Confidential.</summary>
    public string? Notes { get; init; }
    public DateOnly? NextDueOn { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CheckIn>(checkIn =>
    {
        checkIn.ToTable("check_ins");
        checkIn.Property(c => c.Method).HasMaxLength(40);
        checkIn.Property(c => c.Condition).HasMaxLength(40);
        checkIn.Property(c => c.Notes).HasMaxLength(CheckInBody.NotesMaxLength);
        checkIn.HasOne<Placement>().WithMany().HasForeignKey(c => c.PlacementId);
        checkIn.HasIndex(c => new { c.TenantCode, c.PlacementId, c.HeldOn });
    });
}

/// <summary>伴走型カウンセリング: a session with the person, logged against the request (and the placement, if any).</summary>
[PartOfPersonalDataFile(typeof(ParticipationRequest))]
public sealed class CounsellingSession : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid RequestId { get; init; }
    public Guid? PlacementId { get; init; }
    public DateOnly HeldOn { get; init; }
    /// <summary><see cref="ParticipationCodes.SessionKinds"/></summary>
    public string Kind { get; init; } = "";
    public int? DurationMinutes { get; init; }
    /// <summary>Confidential.</summary>
    public string? Notes { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CounsellingSession>(session =>
    {
        session.ToTable("counselling_sessions");
        session.Property(s => s.Kind).HasMaxLength(40);
        session.Property(s => s.Notes).HasMaxLength(SessionBody.NotesMaxLength);
        session.HasOne<ParticipationRequest>().WithMany().HasForeignKey(s => s.RequestId);
        session.HasOne<Placement>().WithMany().HasForeignKey(s => s.PlacementId);
        session.HasIndex(s => new { s.TenantCode, s.RequestId, s.HeldOn });
    });
}
