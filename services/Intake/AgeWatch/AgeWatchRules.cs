namespace Jusou.Intake.AgeWatch;

/// <summary>
/// The tenant's age rules of the 制度切れ watch, as MultiAgency last announced them (AgeWatchRulesChanged). MultiAgency
/// owns the rules; Intake keeps this copy because it alone holds birth dates and so must do the arithmetic itself.
/// </summary>
[NoPersonalData("年齢到達の見守りの日数設定のみ")]
public sealed class AgeWatchRules : ITenantOwned
{
    /// <summary>Used until MultiAgency announces the tenant's own rules: 18 (児童→成人), 40 (介護保険 第2号), 65 (障害→介護保険).</summary>
    public static readonly IReadOnlyList<int> DefaultThresholds = [18, 40, 65];
    public const int DefaultWindowDays = 90;

    public string TenantCode { get; set; } = "";
    public List<int> Thresholds { get; set; } = [.. DefaultThresholds];
    public int WindowDays { get; set; } = DefaultWindowDays;
    /// <summary>When MultiAgency changed them (the event's OccurredAt): an older announcement arriving late is ignored.</summary>
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public static AgeWatchRules Defaults => new();

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AgeWatchRules>(rules =>
    {
        rules.ToTable("age_watch_rules");
        rules.HasKey(r => r.TenantCode);
    });
}

/// <summary>
/// The record that Intake told MultiAgency a person reaches an age on a day: the unique key (tenant, person, threshold,
/// day) is what makes AgeThresholdApproaching go out at most once, however often the rules change or the scan runs.
/// </summary>
[PartOfPersonalDataFile(typeof(Persons.Person))]
public sealed class AgeThresholdNotice : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; init; }
    public int Threshold { get; init; }
    public DateOnly ReachesOn { get; init; }
    public DateTimeOffset SentAt { get; init; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AgeThresholdNotice>(notice =>
    {
        notice.ToTable("age_threshold_notices");
        notice.HasIndex(n => new { n.TenantCode, n.PersonId, n.Threshold, n.ReachesOn }).IsUnique();
    });
}
