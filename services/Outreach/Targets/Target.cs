using Jusou.Contracts.Outreach;
using Jusou.Outreach.Codes;

namespace Jusou.Outreach.Targets;

/// <summary>
/// A person not (yet) connected to any support — ひきこもり, an isolated elder, an 8050 household — whom outreach
/// workers keep trying to reach, patiently and for as long as it takes. Their identity and the reason for concern
/// stay here; events carry the target's id and codes only.
/// </summary>
[PersonalDataFile("アウトリーチ支援記録", "アウトリーチ等を通じた継続的支援事業 (社会福祉法 第106条の4第2項第4号) の対象者の把握、接触の試み、つなぎ、継続的な見守りの記録",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true, Sources = "民生委員・近隣住民・関係機関からの情報、訪問等による職員の記録",
    Recipients = "本人が同意したつなぎ先 (包括的相談支援、多機関協働)", RetentionFrom = nameof(ClosedAt))]
public sealed class Target : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="OutreachCodes.Sources"/></summary>
    public string Source { get; init; } = "";
    /// <summary>The concern report, plan action or consultation it came from; null when opened directly.</summary>
    public Guid? SourceId { get; init; }
    /// <summary>The MultiAgency support case, when the target came from one of its plan actions.</summary>
    public Guid? SupportCaseId { get; init; }
    /// <summary>Intake's person, when the source knew one.</summary>
    public Guid? PersonId { get; init; }
    /// <summary>Who raised it, <see cref="OutreachCodes.RaisedBy"/>.</summary>
    public string RaisedBy { get; set; } = "";
    /// <summary>Why (confidential free text).</summary>
    public string? Reason { get; set; }
    /// <summary>相談内容 codes.</summary>
    public List<string> ConcernCodes { get; set; } = [];
    public string? Name { get; set; }
    public string? NameKana { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    /// <summary>世帯類型, <see cref="OutreachCodes.HouseholdTypes"/>.</summary>
    public string? HouseholdType { get; set; }
    /// <summary>Who lives there and how (confidential free text).</summary>
    public string? HouseholdNote { get; set; }
    /// <summary>地区 code (CommunityResources' areas).</summary>
    public string? DistrictCode { get; set; }
    /// <summary><see cref="OutreachCodes.RiskLevels"/></summary>
    public string RiskLevel { get; set; } = "medium";
    /// <summary><see cref="OutreachCodes.Stages"/></summary>
    public string Stage { get; private set; } = OutreachCodes.Stage.Identified;
    /// <summary>The outreach worker in charge (token subject); null until someone takes it on.</summary>
    public string? AssignedWorker { get; set; }
    /// <summary>把握日: when the concern became known (the start of 初回接触までの日数).</summary>
    public DateOnly IdentifiedOn { get; set; }
    /// <summary>The next planned contact; passing it without an attempt puts the target on the overdue list.</summary>
    public DateOnly? NextContactOn { get; set; }
    /// <summary>When the person themselves was first reached (会えた/話せた).</summary>
    public DateTimeOffset? FirstReachedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>When the MultiAgency case the target came from was closed (終結): other support ended, outreach goes on.</summary>
    public DateTimeOffset? SupportCaseClosedAt { get; set; }
    /// <summary>moved_out (転出) or died (死亡) when the 住民基本台帳 said so (PersonResidencyChanged); null while resident.</summary>
    public string? ResidentStatus { get; set; }
    public DateOnly? ResidentStatusOn { get; set; }
    public string? ClosureReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset OpenedAt { get; init; }
    /// <summary>The worker who opened it, or the event it was opened from ("event:concern_report").</summary>
    public string OpenedBy { get; init; } = "";
    public uint Version { get; private set; }

    public bool IsOverdue(DateOnly today) => Stage != OutreachCodes.Stage.Closed && NextContactOn is { } planned && planned < today;

    /// <summary>Outreach has worked on it: moved it on or attempted contact (the caller also checks for recorded attempts).</summary>
    public bool HasActivity => Stage != OutreachCodes.Stage.Identified || LastAttemptAt is not null || FirstReachedAt is not null;

    public bool CanMoveTo(string stage) => OutreachCodes.StageTransitions[Stage].Contains(stage);

    /// <summary>Moves the target on and returns the event for MultiAgency's timeline (the caller publishes it).</summary>
    public OutreachTargetStageChanged MoveTo(string stage, string? closureReason, DateTimeOffset at)
    {
        var from = Stage;
        Stage = stage;
        ClosureReason = stage == "closed" ? closureReason : null;
        ClosedAt = stage == "closed" ? at : null;
        if (stage == "closed") NextContactOn = null;
        return new OutreachTargetStageChanged(Guid.CreateVersion7(), at, TenantCode, Id, SupportCaseId, from, stage, ClosureReason);
    }

    public OutreachTargetOpened Opened() =>
        new(Guid.CreateVersion7(), OpenedAt, TenantCode, Id, Source, SourceId, SupportCaseId, DistrictCode, RiskLevel);

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Target>(target =>
    {
        target.ToTable("targets");
        target.Property(t => t.Source).HasMaxLength(40);
        target.Property(t => t.RaisedBy).HasMaxLength(40);
        target.Property(t => t.Reason).HasMaxLength(TargetRequest.TextMaxLength);
        target.Property(t => t.Name).HasMaxLength(TargetRequest.NameMaxLength);
        target.Property(t => t.NameKana).HasMaxLength(TargetRequest.NameMaxLength);
        target.Property(t => t.Address).HasMaxLength(TargetRequest.AddressMaxLength);
        target.Property(t => t.Phone).HasMaxLength(Lengths.Phone);
        target.Property(t => t.HouseholdType).HasMaxLength(60);
        target.Property(t => t.HouseholdNote).HasMaxLength(TargetRequest.TextMaxLength);
        target.Property(t => t.DistrictCode).HasMaxLength(Lengths.DistrictCode);
        target.Property(t => t.RiskLevel).HasMaxLength(20);
        target.Property(t => t.ResidentStatus).HasMaxLength(20);
        target.Property(t => t.Stage).HasMaxLength(20);
        target.Property(t => t.AssignedWorker).HasMaxLength(Lengths.Staff);
        target.Property(t => t.ClosureReason).HasMaxLength(40);
        target.Property(t => t.Version).IsRowVersion();
        // One target per concern report, plan action or consultation, however often its event arrives.
        target.HasIndex(t => new { t.TenantCode, t.Source, t.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
        target.HasIndex(t => new { t.TenantCode, t.AssignedWorker });
        target.HasIndex(t => new { t.TenantCode, t.NextContactOn });
        target.HasIndex(t => new { t.TenantCode, t.IdentifiedOn });
    });
}
