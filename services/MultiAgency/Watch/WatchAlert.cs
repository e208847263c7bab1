using Jusou.Contracts.MultiAgency;

namespace Jusou.MultiAgency.Watch;

/// <summary>
/// A warning that support is about to fall away on a case (制度切れ): raised once per case, rule and key — the key
/// names the occurrence (the age and day, the support and its end date, the last activity …) — and open until a
/// coordinator dismisses it with a reason. A dismissed alert stays, so the same occurrence is never raised again.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase), Via = nameof(CaseId))]
public sealed class WatchAlert : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    /// <summary><see cref="WatchCodes.Rules"/></summary>
    public string Rule { get; init; } = "";
    /// <summary>Which occurrence of the rule: e.g. "65:2026-12-25", "{supportId}:2026-12-31", "since:2026-09-01T…".</summary>
    public string Key { get; init; } = "";
    /// <summary>When the gap opens: the day the age is reached, the support ends, contact became overdue, the review was due.</summary>
    public DateOnly? DueOn { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    /// <summary><see cref="WatchCodes.AlertStatuses"/></summary>
    public string Status { get; set; } = "open";
    /// <summary>Why the coordinator dismissed it (confidential free text; never in an event).</summary>
    public string? DismissedReason { get; set; }
    public string? DismissedBy { get; set; }
    public DateTimeOffset? DismissedAt { get; set; }
    public uint Version { get; private set; }

    public const int ReasonMaxLength = 1000;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<WatchAlert>(alert =>
    {
        alert.ToTable("watch_alerts");
        alert.Property(a => a.Rule).HasMaxLength(40);
        alert.Property(a => a.Key).HasMaxLength(100);
        alert.Property(a => a.Status).HasMaxLength(20);
        alert.Property(a => a.DismissedReason).HasMaxLength(ReasonMaxLength);
        alert.Property(a => a.Version).IsRowVersion();
        // Exactly one alert per occurrence, whatever the redeliveries, rescans or concurrent scanners.
        alert.HasIndex(a => new { a.TenantCode, a.CaseId, a.Rule, a.Key }).IsUnique();
        alert.HasIndex(a => new { a.TenantCode, a.Status });
    });

    /// <summary>
    /// Raises the alert unless this occurrence was raised before (open or dismissed), and stores WatchAlertRaised with
    /// it; answers the new alert's id, or null when it was raised before. Runs inside the caller's transaction; the
    /// unique key decides between concurrent writers without an error.
    /// </summary>
    public static async Task<Guid?> RaiseAsync(MultiAgencyDbContext db, Guid caseId, string rule, string key, DateOnly? dueOn,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Alerts are raised inside a transaction.");
        var tenant = db.Tenant.Required;
        var id = Guid.CreateVersion7();
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO watch_alerts (id, tenant_code, case_id, rule, key, due_on, raised_at, status)
            VALUES ({id}, {tenant}, {caseId}, {rule}, {key}, {dueOn}, {now}, 'open')
            ON CONFLICT (tenant_code, case_id, rule, key) DO NOTHING
            """, cancellationToken);
        if (inserted == 0) return null;
        db.Publish(new WatchAlertRaised(Guid.CreateVersion7(), now, tenant, id, caseId, rule, dueOn));
        return id;
    }
}

/// <summary>
/// An age Intake announced a person reaches (AgeThresholdApproaching), kept so that a case of the person opened later
/// still gets its alert from the scan. Only the person id, the age and the day: no birth date.
/// </summary>
[PartOfPersonalDataFile(typeof(Cases.SupportCase))]
public sealed class PersonAgeMilestone : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; init; }
    public int Threshold { get; init; }
    public DateOnly ReachesOn { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }

    public string AlertKey => KeyFor(Threshold, ReachesOn);

    public static string KeyFor(int threshold, DateOnly reachesOn) => $"{threshold}:{reachesOn:yyyy-MM-dd}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PersonAgeMilestone>(milestone =>
    {
        milestone.ToTable("person_age_milestones");
        milestone.Ignore(m => m.AlertKey);
        milestone.HasIndex(m => new { m.TenantCode, m.PersonId, m.Threshold, m.ReachesOn }).IsUnique();
    });
}
