using Jusou.Contracts.Participation;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Requests;

/// <summary>
/// A person who needs a place to take part: opened from an approved support-plan action (参加支援), a consultation
/// referred here, or by a coordinator. The person's wishes and constraints (free text) stay here; events carry the
/// request's id, the case and the plan action only.
/// </summary>
[PersonalDataFile("参加支援記録", "参加支援事業 (社会福祉法 第106条の4第2項第2号) の本人の希望・制約の把握、参加の場とのマッチング、定着支援と伴走型の相談の記録",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true,
    Recipients = "受入先 (協力事業所) へ必要な範囲 (配慮事項・担当者からの連絡事項のみ)", RetentionFrom = nameof(ClosedAt))]
public sealed class ParticipationRequest : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="ParticipationCodes.RequestSources"/></summary>
    public string Source { get; init; } = "direct";
    /// <summary>The plan action or consultation it came from; null when opened directly.</summary>
    public Guid? SourceId { get; init; }
    /// <summary>The MultiAgency support case, so placements reach its timeline.</summary>
    public Guid? SupportCaseId { get; set; }
    public Guid? PlanActionId { get; init; }
    /// <summary>Intake's person, when known.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>地区 where the person lives or was seen.</summary>
    public string? DistrictCode { get; set; }
    /// <summary>Need codes the plan action or referral carried (相談内容, participation kinds).</summary>
    public List<string> NeedCodes { get; set; } = [];
    /// <summary>Kinds of participation the person would like, <see cref="ParticipationCodes.OpportunityKinds"/>.</summary>
    public List<string> WishedKinds { get; set; } = [];
    public List<string> Days { get; set; } = [];
    public List<string> TimeSlots { get; set; } = [];
    /// <summary>Accessibility and support the person needs, <see cref="ParticipationCodes.Accommodations"/>.</summary>
    public List<string> NeededAccommodations { get; set; } = [];
    /// <summary>Age in years, for places with age conditions.</summary>
    public int? Age { get; set; }
    /// <summary>true: wants paid work; false: prefers unpaid; null: no preference.</summary>
    public bool? WantsPaid { get; set; }
    /// <summary>本人の希望 (confidential free text).</summary>
    public string? Wishes { get; set; }
    /// <summary>Constraints: health, transport, family (confidential free text).</summary>
    public string? Constraints { get; set; }
    /// <summary>The coordinator in charge (token subject).</summary>
    public string? Coordinator { get; set; }
    /// <summary>When the plan expects participation to have started.</summary>
    public DateOnly? DueOn { get; set; }
    /// <summary><see cref="ParticipationCodes.RequestStatuses"/></summary>
    public string Status { get; set; } = ParticipationCodes.RequestStatus.Open;
    public string? ClosureReason { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>When the MultiAgency case it came from was closed (終結); the request is not closed with it (see SupportCaseClosedConsumer).</summary>
    public DateTimeOffset? SupportCaseClosedAt { get; set; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>The coordinator who opened it, or the event it was opened from ("event:plan_action").</summary>
    public string OpenedBy { get; init; } = "";
    public uint Version { get; private set; }

    public ParticipationRequestOpened Opened() =>
        new(Guid.CreateVersion7(), OpenedAt, TenantCode, Id, SupportCaseId, PlanActionId);

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ParticipationRequest>(request =>
    {
        request.ToTable("participation_requests");
        request.Property(r => r.Source).HasMaxLength(40);
        request.Property(r => r.DistrictCode).HasMaxLength(Lengths.DistrictCode);
        request.Property(r => r.Wishes).HasMaxLength(ParticipationRequestBody.TextMaxLength);
        request.Property(r => r.Constraints).HasMaxLength(ParticipationRequestBody.TextMaxLength);
        request.Property(r => r.Coordinator).HasMaxLength(Lengths.Staff);
        request.Property(r => r.Status).HasMaxLength(20);
        request.Property(r => r.ClosureReason).HasMaxLength(40);
        request.Property(r => r.Version).IsRowVersion();
        // One request per plan action or consultation, however often its event arrives.
        request.HasIndex(r => new { r.TenantCode, r.Source, r.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
        request.HasIndex(r => new { r.TenantCode, r.SupportCaseId });
        request.HasIndex(r => new { r.TenantCode, r.Status });
    });
}
