using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.DailyLifeSupport;

/// <summary>
/// 日常生活自立支援事業 contract between the 社協 and a person whose judgement is impaired but who can still contract:
/// which services (福祉サービス利用援助, 日常的金銭管理, 書類等の預かり), the 専門員 who plans and the 生活支援員 who visits, the
/// visits, and the reviews — the last of which may hand the person on to guardianship when capacity falls further.
/// </summary>
[PersonalDataFile("日常生活自立支援事業 契約記録", "日常生活自立支援事業の契約、援助内容 (福祉サービス利用援助、日常的金銭管理、書類等の預かり)、訪問と契約の見直しの記録",
    "契約の終了から5年", SpecialCareData = true, Sources = "本人との契約、専門員・生活支援員の記録", RetentionFrom = nameof(EndedOn))]
public sealed class DailyLifeSupportContract : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid? PersonId { get; set; }
    public Guid? SupportCaseId { get; set; }
    /// <summary>When that support case was closed (終結); the contract is the person's own and goes on until it ends.</summary>
    public DateTimeOffset? SupportCaseClosedAt { get; set; }
    /// <summary>Personal data.</summary>
    public string? PersonName { get; set; }
    /// <summary><see cref="RightsCodes.DailyLifeServices"/></summary>
    public List<string> Services { get; set; } = [];
    /// <summary>専門員 (personal data: a name).</summary>
    public string Specialist { get; set; } = "";
    /// <summary>生活支援員 (personal data: a name).</summary>
    public string? SupportWorker { get; set; }
    public DateOnly ContractedOn { get; init; }
    public DateOnly? NextReviewOn { get; set; }
    /// <summary><see cref="RightsCodes.ContractStatuses"/></summary>
    public string Status { get; set; } = RightsCodes.ContractStatus.Active;
    public DateOnly? EndedOn { get; set; }
    /// <summary>The guardianship matter the person was handed on to.</summary>
    public Guid? TransferredToMatterId { get; set; }
    /// <summary>Confidential.</summary>
    public string? Notes { get; set; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public List<DailyLifeSupportVisit> Visits { get; init; } = [];
    public List<DailyLifeSupportReview> Reviews { get; init; } = [];
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DailyLifeSupportContract>(contract =>
        {
            contract.ToTable("daily_life_support_contracts");
            contract.Property(c => c.PersonName).HasMaxLength(GuardianshipMatter.NameMaxLength);
            contract.Property(c => c.Specialist).HasMaxLength(GuardianshipMatter.NameMaxLength);
            contract.Property(c => c.SupportWorker).HasMaxLength(GuardianshipMatter.NameMaxLength);
            contract.Property(c => c.Status).HasMaxLength(20);
            contract.Property(c => c.Notes).HasMaxLength(GuardianshipMatter.NotesMaxLength);
            contract.Property(c => c.Version).IsRowVersion();
            contract.HasIndex(c => new { c.TenantCode, c.Status });
            contract.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.ContractId);
            contract.HasMany(c => c.Reviews).WithOne().HasForeignKey(r => r.ContractId);
        });
        modelBuilder.Entity<DailyLifeSupportVisit>(visit =>
        {
            visit.ToTable("daily_life_support_visits");
            visit.Property(v => v.By).HasMaxLength(20);
            visit.Property(v => v.Note).HasMaxLength(GuardianshipMatter.NotesMaxLength);
        });
        modelBuilder.Entity<DailyLifeSupportReview>(review =>
        {
            review.ToTable("daily_life_support_reviews");
            review.Property(r => r.Outcome).HasMaxLength(40);
            review.Property(r => r.Note).HasMaxLength(GuardianshipMatter.NotesMaxLength);
        });
    }
}

/// <summary>A visit by the 生活支援員 or 専門員, with the services given.</summary>
public sealed class DailyLifeSupportVisit
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public DateOnly On { get; init; }
    /// <summary><see cref="RightsCodes.VisitBy"/></summary>
    public string By { get; init; } = "";
    public List<string> Services { get; init; } = [];
    /// <summary>Confidential.</summary>
    public string? Note { get; init; }
    public string RecordedBy { get; init; } = "";
}

/// <summary>契約の見直し: the 専門員's periodic review of the support plan and of the person's capacity.</summary>
public sealed class DailyLifeSupportReview
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ContractId { get; init; }
    public DateOnly On { get; init; }
    /// <summary><see cref="RightsCodes.ReviewOutcomes"/></summary>
    public string Outcome { get; init; } = "";
    /// <summary>Confidential.</summary>
    public string? Note { get; init; }
    public string RecordedBy { get; init; } = "";
}
