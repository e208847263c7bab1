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

    /// <summary>
    /// The day a person born on <paramref name="birthDate"/> reaches <paramref name="age"/>: by 年齢計算ニ関スル法律 (with
    /// 民法 143条) an age is reached at the end of the day before the birthday, which is also the day 介護保険 counts from
    /// (誕生日の前日). Someone born on 29 February has no birthday in a common year: the period then ends on the last day
    /// of February, so they reach the age on 28 February (and on 28 February in a leap year too, the day before the 29th).
    /// </summary>
    public static DateOnly ReachesOn(DateOnly birthDate, int age)
    {
        var birthday = birthDate.AddYears(age); // 28 February for a 29 February birth in a common year
        return birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(birthday.Year) ? birthday : birthday.AddDays(-1);
    }

    /// <summary>The watched ages a person reaches from <paramref name="today"/> to the end of the window (both included), in age order.</summary>
    public IEnumerable<(int Threshold, DateOnly ReachesOn)> Approaching(DateOnly birthDate, DateOnly today)
    {
        var lastDay = today.AddDays(WindowDays);
        foreach (var threshold in Thresholds.Distinct().Order())
        {
            var reachesOn = ReachesOn(birthDate, threshold);
            if (reachesOn >= today && reachesOn <= lastDay) yield return (threshold, reachesOn);
        }
    }

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
