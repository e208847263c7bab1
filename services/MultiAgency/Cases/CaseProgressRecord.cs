namespace Jusou.MultiAgency.Cases;

/// <summary>
/// 支援経過記録: one dated entry of the work done for a case (面談, 訪問, 電話, 会議, 連絡調整 …), written by a worker of a
/// coordinating or involved organisation. The text is confidential: it never leaves this service (the timeline and the
/// bus carry only the kind code).
/// </summary>
[PartOfPersonalDataFile(typeof(SupportCase), Via = nameof(CaseId))]
public sealed class CaseProgressRecord : ITenantOwned
{
    public const int TextMaxLength = 4000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    /// <summary><see cref="SupportCaseCodes.ProgressRecordKinds"/></summary>
    public string Kind { get; init; } = "";
    /// <summary>The day the contact or work took place (JST calendar date).</summary>
    public DateOnly On { get; init; }
    public string Text { get; init; } = "";
    /// <summary>The worker who wrote it (token subject).</summary>
    public string AuthorId { get; init; } = "";
    /// <summary>The organisation the author acts for (token's org claim).</summary>
    public string? OrganisationCode { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>
    /// A new entry on <paramref name="supportCase"/>, which must be open (a closed case takes no more work: reopen it
    /// first); returns the refusal instead when it is not.
    /// </summary>
    public static (CaseProgressRecord? Record, string? Refusal) Write(SupportCase supportCase, string kind, DateOnly on, string text,
        string authorId, string? organisationCode, DateTimeOffset at)
    {
        if (!SupportCaseCodes.IsOpen(supportCase.Status)) return (null, "The case is closed (終結); reopen it before recording progress.");
        return (new CaseProgressRecord
        {
            TenantCode = supportCase.TenantCode, CaseId = supportCase.Id, Kind = kind, On = on, Text = text, AuthorId = authorId,
            OrganisationCode = organisationCode, RecordedAt = at,
        }, null);
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CaseProgressRecord>(record =>
    {
        record.ToTable("case_progress_records");
        record.Property(r => r.Kind).HasMaxLength(40);
        record.Property(r => r.Text).HasMaxLength(TextMaxLength);
        record.Property(r => r.AuthorId).HasMaxLength(200);
        record.Property(r => r.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        record.HasIndex(r => new { r.CaseId, r.On, r.Id });
    });
}
