using Jusou.Contracts.RightsAdvocacy;
using Jusou.RightsAdvocacy.Codes;

namespace Jusou.RightsAdvocacy.Matters;

/// <summary>
/// 成年後見 matter: one person's way through the guardianship system, from the first 相談 at the 中核機関 to the end of
/// the guardianship, with the date of every stage, the court's case, the guardians appointed and the 報酬助成
/// applications. Names and notes are personal data and never leave this service.
/// </summary>
[PersonalDataFile("成年後見制度利用支援記録", "成年後見制度の利用に関する相談、市長申立、後見人等の選任、報酬助成の記録 (成年後見制度利用促進法、中核機関)",
    "支援の終結から5年 (各自治体の文書管理規程による)", SpecialCareData = true, Recipients = "家庭裁判所 (申立て)、中核機関")]
public sealed class GuardianshipMatter : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="RightsCodes.MatterTypes"/></summary>
    public string Type { get; set; } = "undecided";
    /// <summary><see cref="RightsCodes.Petitioners"/></summary>
    public string Petitioner { get; set; } = "undecided";
    /// <summary><see cref="RightsCodes.Stages"/></summary>
    public string Stage { get; set; } = MatterStages.Consultation;
    /// <summary>The date the current stage was reached.</summary>
    public DateOnly StageOn { get; set; }
    public DateOnly OpenedOn { get; init; }
    /// <summary>Intake's person, when known.</summary>
    public Guid? PersonId { get; set; }
    /// <summary>MultiAgency's support case, when the matter came from a plan (so milestones reach its timeline).</summary>
    public Guid? SupportCaseId { get; set; }
    /// <summary>
    /// When that support case was closed (終結). The matter goes on: a guardianship petition or appointment is the
    /// court's process and ends only by its own stage; the 中核機関 sees that the case's coordination has ended.
    /// </summary>
    public DateTimeOffset? SupportCaseClosedAt { get; set; }
    /// <summary>Personal data: the 本人's name as the 中核機関 records it.</summary>
    public string? PersonName { get; set; }
    /// <summary>家庭裁判所 (e.g. 長野家庭裁判所伊那支部).</summary>
    public string? Court { get; set; }
    /// <summary>事件番号 (e.g. 令和8年(家)第123号).</summary>
    public string? CaseNumber { get; set; }
    /// <summary><see cref="RightsCodes.EndReasons"/>, when ended.</summary>
    public string? EndReason { get; set; }
    /// <summary>Confidential.</summary>
    public string? Notes { get; set; }
    /// <summary><see cref="RightsCodes.MatterSources"/> and the id there (plan action, consultation, contract).</summary>
    public string Source { get; init; } = "direct";
    public Guid? SourceId { get; init; }
    /// <summary>The organisation the plan assigned the action to, or the one of the worker who opened it.</summary>
    public string? OrganisationCode { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public List<MatterStageChange> StageChanges { get; init; } = [];
    public List<MatterGuardian> Guardians { get; init; } = [];
    public List<FeeSubsidyApplication> FeeSubsidies { get; init; } = [];
    public uint Version { get; private set; }

    public const int NameMaxLength = 100;
    public const int NotesMaxLength = 4000;
    public const int CourtMaxLength = 100;
    public const int CaseNumberMaxLength = 60;

    /// <summary>A new matter at 相談 on <paramref name="openedOn"/>, its first stage recorded.</summary>
    /// <summary>The event that announces this matter, opened at <paramref name="at"/> in <paramref name="tenant"/>: ids and codes only.</summary>
    public GuardianshipMatterOpened Opened(DateTimeOffset at, string tenant) =>
        new(Guid.CreateVersion7(), at, tenant, Id, SupportCaseId, Type, Petitioner, Source == PlanActionApprovedConsumer.Source ? SourceId : null);

    public static GuardianshipMatter Open(DateOnly openedOn, string source, Guid? sourceId, string? organisation, string recordedBy,
        DateTimeOffset recordedAt)
    {
        var matter = new GuardianshipMatter
        {
            OpenedOn = openedOn,
            StageOn = openedOn,
            Source = source,
            SourceId = sourceId,
            OrganisationCode = organisation,
            RecordedBy = recordedBy,
            RecordedAt = recordedAt,
        };
        matter.StageChanges.Add(new MatterStageChange
        {
            MatterId = matter.Id, FromStage = null, Stage = MatterStages.Consultation, On = openedOn, RecordedBy = recordedBy, RecordedAt = recordedAt,
        });
        return matter;
    }

    /// <summary>
    /// Work has been recorded on the matter: it moved past 相談, or its type, petitioner, court, notes, a guardian or a
    /// fee subsidy were recorded. Needs the stage changes, guardians and fee subsidies loaded.
    /// </summary>
    public bool HasWork => Stage != MatterStages.Consultation || StageChanges.Count > 1 || Guardians.Count > 0 || FeeSubsidies.Count > 0
        || Type != "undecided" || Petitioner != "undecided" || Court is not null || CaseNumber is not null || Notes is not null || PersonName is not null;

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GuardianshipMatter>(matter =>
        {
            matter.ToTable("guardianship_matters");
            matter.Property(m => m.Type).HasMaxLength(20);
            matter.Property(m => m.Petitioner).HasMaxLength(20);
            matter.Property(m => m.Stage).HasMaxLength(20);
            matter.Property(m => m.PersonName).HasMaxLength(NameMaxLength);
            matter.Property(m => m.Court).HasMaxLength(CourtMaxLength);
            matter.Property(m => m.CaseNumber).HasMaxLength(CaseNumberMaxLength);
            matter.Property(m => m.EndReason).HasMaxLength(40);
            matter.Property(m => m.Notes).HasMaxLength(NotesMaxLength);
            matter.Property(m => m.Source).HasMaxLength(40);
            matter.Property(m => m.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
            matter.Property(m => m.Version).IsRowVersion();
            matter.HasIndex(m => new { m.TenantCode, m.OpenedOn });
            matter.HasIndex(m => new { m.TenantCode, m.SupportCaseId });
            // One matter per plan action, consultation or contract, however often its event arrives.
            matter.HasIndex(m => new { m.TenantCode, m.Source, m.SourceId }).IsUnique().HasFilter("source_id IS NOT NULL");
            matter.HasMany(m => m.StageChanges).WithOne().HasForeignKey(s => s.MatterId);
            matter.HasMany(m => m.Guardians).WithOne().HasForeignKey(g => g.MatterId);
            matter.HasMany(m => m.FeeSubsidies).WithOne().HasForeignKey(f => f.MatterId);
        });
        modelBuilder.Entity<MatterStageChange>(change =>
        {
            change.ToTable("matter_stage_changes");
            change.Property(s => s.FromStage).HasMaxLength(20);
            change.Property(s => s.Stage).HasMaxLength(20);
            change.HasIndex(s => new { s.Stage, s.On });
        });
        modelBuilder.Entity<MatterGuardian>(guardian =>
        {
            guardian.ToTable("matter_guardians");
            guardian.Property(g => g.Kind).HasMaxLength(20);
            guardian.Property(g => g.Name).HasMaxLength(NameMaxLength);
            guardian.Property(g => g.Profession).HasMaxLength(40);
            guardian.HasIndex(g => g.CitizenGuardianId);
        });
        modelBuilder.Entity<FeeSubsidyApplication>(application =>
        {
            application.ToTable("fee_subsidy_applications");
            application.Property(f => f.Status).HasMaxLength(20);
        });
    }
}

/// <summary>One step of a matter, with the date it happened (申立日, 審判日, 開始日 …).</summary>
public sealed class MatterStageChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MatterId { get; init; }
    public string? FromStage { get; init; }
    public string Stage { get; init; } = "";
    public DateOnly On { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A guardian (成年後見人・保佐人・補助人・任意後見人) appointed for the matter.</summary>
public sealed class MatterGuardian
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MatterId { get; init; }
    /// <summary><see cref="RightsCodes.GuardianKinds"/></summary>
    public string Kind { get; init; } = "";
    /// <summary>Personal data: the guardian's (or corporate guardian's) name.</summary>
    public string Name { get; init; } = "";
    /// <summary><see cref="RightsCodes.Professions"/>, for professional guardians.</summary>
    public string? Profession { get; init; }
    /// <summary>The 市民後見人 of the registry, for kind citizen.</summary>
    public Guid? CitizenGuardianId { get; init; }
    public DateOnly AppointedOn { get; init; }
    public DateOnly? EndedOn { get; set; }
}

/// <summary>成年後見制度利用支援事業の報酬助成: an application to pay (part of) a guardian's fee.</summary>
public sealed class FeeSubsidyApplication
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MatterId { get; init; }
    public DateOnly AppliedOn { get; init; }
    /// <summary>The period of the guardian's work the fee is for.</summary>
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public int RequestedYen { get; init; }
    /// <summary><see cref="RightsCodes.FeeSubsidyStatuses"/></summary>
    public string Status { get; set; } = RightsCodes.FeeSubsidyStatus.Applied;
    public DateOnly? DecidedOn { get; set; }
    public int? GrantedYen { get; set; }
    public string RecordedBy { get; init; } = "";
}
