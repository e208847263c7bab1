namespace Jusou.MultiAgency.Cases;

/// <summary>
/// One line of a case's timeline: what happened, when, and which service reported it (this one, Intake, Participation,
/// Outreach, RightsAdvocacy). Codes and ids only; the details stay with the service that owns them.
/// </summary>
[PartOfPersonalDataFile(typeof(SupportCase), Via = nameof(CaseId))]
public sealed class CaseTimelineEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>multiagency, intake, participation, outreach, rights.</summary>
    public string Source { get; init; } = "";
    /// <summary>What happened, as a code (e.g. referred, status_changed, plan_approved, contact_attempted, placement_stage_changed).</summary>
    public string Kind { get; init; } = "";
    /// <summary>A code qualifying the kind (the new status, the outcome, the stage …), when there is one.</summary>
    public string? Detail { get; init; }
    /// <summary>The record in the source service (consultation, target, placement, matter …).</summary>
    public Guid? RecordId { get; init; }
    /// <summary>The integration event another service reported this with; unique, so a redelivery adds no second line.</summary>
    public Guid? SourceEventId { get; init; }

    /// <summary>
    /// A line for <paramref name="supportCase"/>. The newest line is the case's last activity (the 制度切れ watch reads it);
    /// the case row itself is not touched, so what other services report never makes a coordinator's ETag stale.
    /// </summary>
    public static CaseTimelineEntry For(SupportCase supportCase, DateTimeOffset at, string source, string kind, Guid? recordId,
        string? detail = null, Guid? sourceEventId = null) =>
        new() { CaseId = supportCase.Id, At = at, Source = source, Kind = kind, RecordId = recordId, Detail = detail, SourceEventId = sourceEventId };

    /// <summary>When the case last saw activity: its newest timeline line, or its opening.</summary>
    public static IQueryable<DateTimeOffset> LastActivity(MultiAgencyDbContext db, Guid caseId) =>
        db.CaseTimeline.Where(e => e.CaseId == caseId).Select(e => e.At);

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<CaseTimelineEntry>(entry =>
    {
        entry.ToTable("case_timeline");
        entry.Property(e => e.Source).HasMaxLength(40);
        entry.Property(e => e.Kind).HasMaxLength(60);
        entry.Property(e => e.Detail).HasMaxLength(60);
        entry.HasIndex(e => new { e.CaseId, e.At, e.Id });
        entry.HasIndex(e => new { e.TenantCode, e.SourceEventId }).IsUnique().HasFilter("source_event_id IS NOT NULL");
    });
}
