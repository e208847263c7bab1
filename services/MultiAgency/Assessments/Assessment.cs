namespace Jusou.MultiAgency.Assessments;

/// <summary>
/// One version of a case's アセスメントシート: per life area what was found, what is needed and how serious it is,
/// plus the strengths (ストレングス) of the person, household and neighbourhood. A version is never changed: saving
/// the sheet stores the next version, so the meeting can always see what was known when it approved a plan.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase), Via = nameof(CaseId))]
public sealed class Assessment : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    /// <summary>1, 2, 3 … per case; also the sheet's ETag.</summary>
    public int Number { get; init; }
    public DateOnly AssessedOn { get; init; }
    /// <summary>ストレングス (confidential text).</summary>
    public string? Strengths { get; init; }
    /// <summary>総合所見 (confidential text).</summary>
    public string? Summary { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public List<AssessmentArea> Areas { get; init; } = [];

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Assessment>(assessment =>
        {
            assessment.ToTable("assessments");
            assessment.Property(a => a.Strengths).HasMaxLength(AssessmentRequest.TextMaxLength);
            assessment.Property(a => a.Summary).HasMaxLength(AssessmentRequest.TextMaxLength);
            // Two coordinators saving at once cannot both make version n+1: the second is told the sheet changed.
            assessment.HasIndex(a => new { a.CaseId, a.Number }).IsUnique();
            assessment.HasMany(a => a.Areas).WithOne().HasForeignKey(a => a.AssessmentId);
        });
        modelBuilder.Entity<AssessmentArea>(area =>
        {
            area.ToTable("assessment_areas");
            area.Property(a => a.Area).HasMaxLength(40);
            area.Property(a => a.Severity).HasMaxLength(40);
            area.Property(a => a.Finding).HasMaxLength(AssessmentRequest.TextMaxLength);
            area.Property(a => a.Need).HasMaxLength(AssessmentRequest.TextMaxLength);
            area.HasIndex(a => new { a.AssessmentId, a.Area }).IsUnique();
        });
    }
}

/// <summary>One life area of the sheet.</summary>
public sealed class AssessmentArea
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; init; }
    /// <summary><see cref="AssessmentCodes.Areas"/></summary>
    public string Area { get; init; } = "";
    /// <summary><see cref="AssessmentCodes.Severities"/></summary>
    public string Severity { get; init; } = "";
    /// <summary>現状・課題 (confidential text).</summary>
    public string? Finding { get; init; }
    /// <summary>ニーズ (confidential text).</summary>
    public string? Need { get; init; }
}
