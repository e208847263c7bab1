using Jusou.Contracts.MultiAgency;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// A support case of 多機関協働: one case, every agency. Opened from a referral (ConsultationReferred) or by a
/// coordinator; starts at 受付 and moves along <see cref="SupportCaseCodes.Transitions"/>. Every status and track change
/// is kept, and every organisation involved with its role (役割分担).
/// </summary>
[PersonalDataFile("多機関協働 支援ケース記録", "多機関協働事業 (社会福祉法 第106条の4第2項第5号) による支援の調整、アセスメント、支援プラン、見守り (制度切れ) の記録",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true,
    Recipients = "支援会議の構成員 (社会福祉法 第106条の6、守秘義務あり)、本人同意のある支援関係機関",
    RetentionFrom = nameof(ClosedAt))]
public sealed class SupportCase : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>The Intake consultation this case was referred from, if any. One case per consultation.</summary>
    public Guid? ConsultationId { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>相談内容 (主なもの) code, from Intake or set by the coordinator.</summary>
    public string? MainConcern { get; set; }
    /// <summary>相談経路 code, for the case-conference report.</summary>
    public string? ReferralRoute { get; set; }
    /// <summary>世帯類型 code, for the case-conference report.</summary>
    public string? HouseholdType { get; set; }
    public string? DistrictCode { get; set; }
    /// <summary>The coordinator (響働コーディネーター / 相談支援包括化推進員) in charge: their subject id.</summary>
    public string? CoordinatorId { get; set; }
    /// <summary><see cref="SupportCaseCodes.Statuses"/></summary>
    public string Status { get; set; } = "received";
    /// <summary><see cref="SupportCaseCodes.Tracks"/>: 支援会議 (no consent yet) or consented.</summary>
    public string Track { get; set; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>Who opened it directly (a coordinator's subject); null when opened from a referral.</summary>
    public string? OpenedBy { get; init; }
    /// <summary><see cref="SupportCaseCodes.ClosureReasons"/> while closed.</summary>
    public string? ClosureReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The meeting (重層的支援会議) that decided the 終結, when recorded.</summary>
    public Guid? ClosingMeetingId { get; set; }
    /// <summary><see cref="SupportCaseCodes.SuspensionReasons"/> while 中断.</summary>
    public string? SuspensionReason { get; private set; }
    /// <summary>The status the case left for 中断, the one it resumes to; null unless suspended.</summary>
    public string? SuspendedFrom { get; private set; }
    public List<CaseStatusChange> StatusHistory { get; init; } = [];
    public List<CaseTrackChange> TrackHistory { get; init; } = [];
    public List<CaseInvolvement> Involvements { get; init; } = [];
    public uint Version { get; private set; }

    /// <summary>
    /// Opens a case at 受付 (received), the first line of its status history: from a referred consultation
    /// (<paramref name="openedBy"/> null, <paramref name="by"/> "intake") or by a coordinator directly.
    /// </summary>
    public static SupportCase Open(Guid? consultationId, Guid? personId, string track, string? openedBy, string by, DateTimeOffset at)
    {
        var supportCase = new SupportCase { ConsultationId = consultationId, PersonId = personId, Track = track, OpenedAt = at, OpenedBy = openedBy };
        supportCase.StatusHistory.Add(new CaseStatusChange { CaseId = supportCase.Id, Status = SupportCaseCodes.Received, ChangedBy = by, ChangedAt = at });
        return supportCase;
    }

    /// <summary>The event that announces the case to the other services: ids and codes only.</summary>
    public SupportCaseOpened Opened(string tenant) => new(Guid.CreateVersion7(), OpenedAt, tenant, Id, ConsultationId, Track);

    /// <summary>
    /// Where this case may move now: <see cref="SupportCaseCodes.Transitions"/>, except that a suspended case resumes
    /// only to the status it left (or closes).
    /// </summary>
    public IReadOnlySet<string> AllowedMoves() => Status == SupportCaseCodes.Suspended && SuspendedFrom is { } resumeTo
        ? new HashSet<string> { resumeTo, SupportCaseCodes.Closed }
        : SupportCaseCodes.Transitions[Status];

    /// <summary>Null when the lifecycle allows moving to <paramref name="status"/>; otherwise why not, naming the current status and what is allowed.</summary>
    public string? RefusalToMove(string status)
    {
        var current = $"「{SupportCaseCodes.Statuses[Status]}」({Status})";
        if (status == Status) return $"The case is already {current}.";
        var allowed = AllowedMoves();
        if (allowed.Contains(status)) return null;
        var target = SupportCaseCodes.Statuses.TryGetValue(status, out var label) ? $"「{label}」({status})" : status;
        var resume = Status == SupportCaseCodes.Suspended ? $" A suspended case resumes to the status it left ({SuspendedFrom})." : "";
        return $"A case cannot move from {current} to {target}. From {Status} it may move to: {string.Join(", ", allowed.Order())}.{resume}";
    }

    /// <summary>
    /// Moves the case to <paramref name="status"/> and keeps the change; the caller checked it is allowed
    /// (<see cref="RefusalToMove"/>). <paramref name="reason"/> is the closure, reopen or suspension reason.
    /// </summary>
    public CaseStatusChange ChangeStatus(string status, string? reason, Guid? meetingId, string? note, string by, DateTimeOffset at)
    {
        var change = new CaseStatusChange
        {
            CaseId = Id, FromStatus = Status, Status = status, Reason = reason, MeetingId = meetingId, Note = note, ChangedBy = by, ChangedAt = at,
        };
        StatusHistory.Add(change);
        var from = Status;
        Status = status;
        SuspendedFrom = status == SupportCaseCodes.Suspended ? from : null;
        SuspensionReason = status == SupportCaseCodes.Suspended ? reason : null;
        if (status == SupportCaseCodes.Closed)
        {
            ClosureReason = reason;
            ClosedAt = at;
            ClosingMeetingId = meetingId;
            // 終結 ends every organisation's part, by hand or by the plan: no one sees a closed case through a role it no longer has.
            foreach (var involvement in Involvements.Where(i => i.EndedOn is null)) involvement.End(SupportCaseCodes.CaseClosed, JapanDate.Of(at));
        }
        else
        {
            ClosureReason = null;
            ClosedAt = null;
            ClosingMeetingId = null;
        }
        return change;
    }

    /// <summary>
    /// The person withdrew the consent the case was shared on: the case goes back to the 支援会議 track (法106条の6) and
    /// every organisation's involvement ends on <paramref name="today"/>, so no one sees it on the strength of the
    /// withdrawn consent. False when there was nothing to stop (a closed case, or one already on the 支援会議 track).
    /// </summary>
    public bool StopSharingAfterConsentWithdrawn(string by, DateTimeOffset at, DateOnly today)
    {
        if (!SupportCaseCodes.IsOpen(Status) || Track != SupportCaseCodes.ConsentedTrack) return false;
        ChangeTrack(SupportCaseCodes.SupportMeetingTrack, SupportCaseCodes.ConsentWithdrawn, null, by, at);
        foreach (var involvement in Involvements.Where(i => i.EndedOn is null)) involvement.End(SupportCaseCodes.ConsentWithdrawn, today);
        return true;
    }

    /// <summary>The organisations the case is shared with now: those with a live involvement.</summary>
    public IReadOnlyList<string> SharedWith() =>
        Involvements.Where(i => i.EndedOn is null).Select(i => i.OrganisationCode).Distinct().ToList();

    /// <summary>
    /// 役割分担 gives access. After a plan version is approved, each organisation holding a live action of it (given in
    /// <paramref name="liveActions"/>: the approved actions whose hand-off has not ended) has one live plan_action
    /// involvement — one per organisation, not per action — remembering which actions keep it. An organisation whose
    /// plan_action involvement no action keeps any more (the new version dropped them all) stops taking part
    /// (plan_revised). Involvements of other roles, added by hand, are untouched. Answers what changed, for the timeline.
    /// </summary>
    public PlanRoleChanges ApplyPlanRoles(IEnumerable<(string OrganisationCode, Guid ActionId)> liveActions, string by, DateTimeOffset at)
    {
        var today = JapanDate.Of(at);
        var byOrganisation = liveActions.GroupBy(a => a.OrganisationCode)
            .ToDictionary(g => g.Key, g => g.Select(a => a.ActionId).Distinct().Order().ToList());
        var added = new List<CaseInvolvement>();
        var ended = new List<CaseInvolvement>();
        foreach (var involvement in LivePlanRoles().ToList())
        {
            if (byOrganisation.ContainsKey(involvement.OrganisationCode)) continue;
            involvement.End(SupportCaseCodes.PlanRevised, today);
            ended.Add(involvement);
        }
        foreach (var (organisation, actionIds) in byOrganisation)
        {
            if (LivePlanRoles().FirstOrDefault(i => i.OrganisationCode == organisation) is { } live)
            {
                live.PlanActionIds = actionIds;
                continue;
            }
            var involvement = new CaseInvolvement
            {
                CaseId = Id, OrganisationCode = organisation, Role = SupportCaseCodes.PlanActionRole, PlanActionIds = actionIds,
                StartedOn = today, AddedBy = by, AddedAt = at,
            };
            Involvements.Add(involvement);
            added.Add(involvement);
        }
        return new PlanRoleChanges(added, ended);
    }

    /// <summary>
    /// One action of the approved plan ended (its organisation declined it or did it): it no longer keeps its organisation
    /// involved, and when it was the last one the organisation's plan_action involvement ends with <paramref name="reason"/>.
    /// Answers the ended involvement, or null when the organisation still has live actions (or had no plan role).
    /// </summary>
    public CaseInvolvement? EndPlanAction(Guid actionId, string reason, DateTimeOffset at)
    {
        if (LivePlanRoles().FirstOrDefault(i => i.PlanActionIds.Contains(actionId)) is not { } involvement) return null;
        involvement.PlanActionIds = involvement.PlanActionIds.Where(a => a != actionId).ToList();
        if (involvement.PlanActionIds.Count > 0) return null;
        involvement.End(reason, JapanDate.Of(at));
        return involvement;
    }

    private IEnumerable<CaseInvolvement> LivePlanRoles() =>
        Involvements.Where(i => i.EndedOn is null && i.Role == SupportCaseCodes.PlanActionRole);

    public void ChangeTrack(string track, string reason, string? note, string by, DateTimeOffset at)
    {
        TrackHistory.Add(new CaseTrackChange { CaseId = Id, FromTrack = Track, Track = track, Reason = reason, Note = note, ChangedBy = by, ChangedAt = at });
        Track = track;
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SupportCase>(supportCase =>
        {
            supportCase.ToTable("support_cases");
            supportCase.Property(c => c.MainConcern).HasMaxLength(40);
            supportCase.Property(c => c.ReferralRoute).HasMaxLength(40);
            supportCase.Property(c => c.HouseholdType).HasMaxLength(60);
            supportCase.Property(c => c.DistrictCode).HasMaxLength(Lengths.DistrictCode);
            supportCase.Property(c => c.CoordinatorId).HasMaxLength(CaseRequests.CoordinatorIdMaxLength);
            supportCase.Property(c => c.Status).HasMaxLength(40);
            supportCase.Property(c => c.Track).HasMaxLength(40);
            supportCase.Property(c => c.ClosureReason).HasMaxLength(40);
            supportCase.Property(c => c.SuspensionReason).HasMaxLength(40);
            supportCase.Property(c => c.SuspendedFrom).HasMaxLength(40);
            supportCase.Property(c => c.Version).IsRowVersion();
            // The database itself guarantees one case per referred consultation, whatever the bus delivers.
            supportCase.HasIndex(c => new { c.TenantCode, c.ConsultationId }).IsUnique().HasFilter("consultation_id IS NOT NULL");
            supportCase.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(s => s.CaseId);
            supportCase.HasMany(c => c.TrackHistory).WithOne().HasForeignKey(t => t.CaseId);
            supportCase.HasMany(c => c.Involvements).WithOne().HasForeignKey(i => i.CaseId);
        });
        modelBuilder.Entity<CaseStatusChange>(change =>
        {
            change.ToTable("case_status_changes");
            change.Property(s => s.FromStatus).HasMaxLength(40);
            change.Property(s => s.Status).HasMaxLength(40);
            change.Property(s => s.Reason).HasMaxLength(40);
            change.Property(s => s.Note).HasMaxLength(CaseRequests.NoteMaxLength);
        });
        modelBuilder.Entity<CaseTrackChange>(change =>
        {
            change.ToTable("case_track_changes");
            change.Property(t => t.FromTrack).HasMaxLength(40);
            change.Property(t => t.Track).HasMaxLength(40);
            change.Property(t => t.Reason).HasMaxLength(40);
            change.Property(t => t.Note).HasMaxLength(CaseRequests.NoteMaxLength);
        });
        modelBuilder.Entity<CaseInvolvement>(involvement =>
        {
            involvement.ToTable("case_involvements");
            involvement.Property(i => i.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            involvement.Property(i => i.Role).HasMaxLength(40);
            involvement.Property(i => i.ContactSubject).HasMaxLength(CaseRequests.ContactSubjectMaxLength);
            involvement.Property(i => i.Note).HasMaxLength(CaseRequests.NoteMaxLength);
            involvement.Property(i => i.EndReason).HasMaxLength(40);
            // One active involvement per organisation and role, and one active 主担当 per case, whatever races.
            involvement.HasIndex(i => new { i.CaseId, i.OrganisationCode, i.Role }).IsUnique().HasFilter("ended_on IS NULL");
            involvement.HasIndex(i => i.CaseId).IsUnique().HasFilter("ended_on IS NULL AND role = 'lead'")
                .HasDatabaseName("ix_case_involvements_one_active_lead");
        });
    }
}

/// <summary>One step of a case's lifecycle, kept for ever (who moved it, when, why, and which meeting decided).</summary>
public sealed class CaseStatusChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    /// <summary>Null for the first entry (the case was opened).</summary>
    public string? FromStatus { get; init; }
    public string Status { get; init; } = "";
    /// <summary>Closure or reopen reason code.</summary>
    public string? Reason { get; init; }
    public Guid? MeetingId { get; init; }
    public string? Note { get; init; }
    public string ChangedBy { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
}

/// <summary>A move between the 支援会議 track and the consented track.</summary>
public sealed class CaseTrackChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public string FromTrack { get; init; } = "";
    public string Track { get; init; } = "";
    /// <summary><see cref="SupportCaseCodes.TrackChangeReasons"/></summary>
    public string Reason { get; init; } = "";
    public string? Note { get; init; }
    public string ChangedBy { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
}

/// <summary>An organisation involved in a case, with its role (役割), from when and until when.</summary>
public sealed class CaseInvolvement
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CaseId { get; init; }
    public string OrganisationCode { get; init; } = "";
    /// <summary><see cref="SupportCaseCodes.InvolvementRoles"/></summary>
    public string Role { get; init; } = "";
    /// <summary>The worker at the organisation who is the contact for the case (their subject id), when known.</summary>
    public string? ContactSubject { get; init; }
    public string? Note { get; init; }
    public DateOnly StartedOn { get; init; }
    public DateOnly? EndedOn { get; set; }
    /// <summary><see cref="SupportCaseCodes.InvolvementEndReasons"/></summary>
    public string? EndReason { get; set; }
    public string AddedBy { get; init; } = "";
    public DateTimeOffset AddedAt { get; init; }
    /// <summary>For the role plan_action: the actions (ActionId) of the approved plan that keep the organisation involved.</summary>
    public List<Guid> PlanActionIds { get; set; } = [];

    /// <summary>Ends the involvement on <paramref name="on"/> (never before it started) with <paramref name="reason"/>.</summary>
    public void End(string reason, DateOnly on)
    {
        EndedOn = on < StartedOn ? StartedOn : on;
        EndReason = reason;
    }
}

/// <summary>What approving a plan changed in who takes part: involvements added and ended.</summary>
public sealed record PlanRoleChanges(IReadOnlyList<CaseInvolvement> Added, IReadOnlyList<CaseInvolvement> Ended);
