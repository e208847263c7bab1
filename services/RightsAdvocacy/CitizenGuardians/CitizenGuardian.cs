using Jusou.RightsAdvocacy.Codes;
using Jusou.RightsAdvocacy.Matters;

namespace Jusou.RightsAdvocacy.CitizenGuardians;

/// <summary>
/// 市民後見人 of the registry the 中核機関 keeps: residents who completed the 養成研修, the follow-up training they took,
/// whether they can take a new matter, and the support the 中核機関 gave them. Their assignments are the matters'
/// guardians that point here.
/// </summary>
[PersonalDataFile("市民後見人名簿", "市民後見人の養成研修の修了、フォローアップ研修、受任状況、中核機関による支援の記録",
    "登録の抹消から5年", Subjects = "養成研修を受講した市民後見人・候補者", Sources = "本人の申込、研修と受任の記録")]
public sealed class CitizenGuardian : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>Personal data.</summary>
    public string Name { get; set; } = "";
    public string? NameKana { get; set; }
    public DateOnly RegisteredOn { get; init; }
    /// <summary>養成研修 修了日; null while still in training (and then not appointable).</summary>
    public DateOnly? TrainingCompletedOn { get; set; }
    /// <summary>Can take a new matter (活動可能).</summary>
    public bool Available { get; set; }
    /// <summary>Confidential.</summary>
    public string? Notes { get; set; }
    public List<CitizenGuardianTraining> Trainings { get; init; } = [];
    public List<CitizenGuardianSupport> Supports { get; init; } = [];
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CitizenGuardian>(citizen =>
        {
            citizen.ToTable("citizen_guardians");
            citizen.Property(c => c.Name).HasMaxLength(GuardianshipMatter.NameMaxLength);
            citizen.Property(c => c.NameKana).HasMaxLength(GuardianshipMatter.NameMaxLength);
            citizen.Property(c => c.Notes).HasMaxLength(GuardianshipMatter.NotesMaxLength);
            citizen.Property(c => c.Version).IsRowVersion();
            citizen.HasMany(c => c.Trainings).WithOne().HasForeignKey(t => t.CitizenGuardianId);
            citizen.HasMany(c => c.Supports).WithOne().HasForeignKey(s => s.CitizenGuardianId);
        });
        modelBuilder.Entity<CitizenGuardianTraining>(training =>
        {
            training.ToTable("citizen_guardian_trainings");
            training.Property(t => t.Kind).HasMaxLength(20);
            training.Property(t => t.Title).HasMaxLength(TrainingRequest.TitleMaxLength);
        });
        modelBuilder.Entity<CitizenGuardianSupport>(support =>
        {
            support.ToTable("citizen_guardian_supports");
            support.Property(s => s.Kind).HasMaxLength(40);
            support.Property(s => s.Note).HasMaxLength(GuardianshipMatter.NotesMaxLength);
        });
    }
}

/// <summary>A training taken: the 養成研修 itself or a フォローアップ研修.</summary>
public sealed class CitizenGuardianTraining
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CitizenGuardianId { get; init; }
    /// <summary><see cref="RightsCodes.TrainingKinds"/></summary>
    public string Kind { get; init; } = "";
    public DateOnly On { get; init; }
    public string? Title { get; init; }
}

/// <summary>Support the 中核機関 gave a 市民後見人 (相談, 同行訪問, ケース会議, 報告書の確認).</summary>
public sealed class CitizenGuardianSupport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid CitizenGuardianId { get; init; }
    public DateOnly On { get; init; }
    /// <summary><see cref="RightsCodes.CitizenGuardianSupportKinds"/></summary>
    public string Kind { get; init; } = "";
    /// <summary>The matter the support was about, if one.</summary>
    public Guid? MatterId { get; init; }
    /// <summary>Confidential.</summary>
    public string? Note { get; init; }
    public string RecordedBy { get; init; } = "";
}
