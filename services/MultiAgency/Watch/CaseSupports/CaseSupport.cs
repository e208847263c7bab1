namespace Jusou.MultiAgency.Watch.CaseSupports;

/// <summary>
/// A support or system the person is using now (障害福祉サービス, 介護保険, 生活保護, 入院, 学校 …), provided by an
/// organisation from one day to another. Its end date is what the 制度切れ watch looks ahead to.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase), Via = nameof(CaseId))]
public sealed class CaseSupport : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    /// <summary><see cref="WatchCodes.SupportKinds"/></summary>
    public string Kind { get; set; } = "";
    /// <summary>The organisation providing it (CommunityResources' organisation id), when known.</summary>
    public string? ProviderOrganisationCode { get; set; }
    public DateOnly? StartsOn { get; set; }
    /// <summary>When it ends or is expected to end (卒業, 退院, 受給期間の終了 …); null while open-ended.</summary>
    public DateOnly? EndsOn { get; set; }
    /// <summary>The meeting decision (見守り) that recorded it, when a meeting did.</summary>
    public Guid? DecisionId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CaseSupport>(support =>
    {
        support.ToTable("case_supports");
        support.Property(s => s.Kind).HasMaxLength(40);
        support.Property(s => s.ProviderOrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        support.Property(s => s.Version).IsRowVersion();
        support.HasIndex(s => new { s.TenantCode, s.CaseId });
        // The watch looks for supports ending soon.
        support.HasIndex(s => new { s.TenantCode, s.EndsOn }).HasFilter("ends_on IS NOT NULL");
    });
}
