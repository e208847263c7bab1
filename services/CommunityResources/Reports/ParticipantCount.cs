namespace Jusou.CommunityResources.Reports;

/// <summary>参加者数 of one programme or place in one month, as the host reports it (a count, never names).</summary>
[NoPersonalData("拠点ごとの参加者数 (集計値)")]
public sealed class ParticipantCount : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid ServiceId { get; init; }
    /// <summary>The first day of the month counted.</summary>
    public DateOnly Month { get; init; }
    public int Participants { get; init; }
    public string RecordedBy { get; init; } = "";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ParticipantCount>(count =>
    {
        count.HasIndex(c => new { c.TenantCode, c.ServiceId, c.Month }).IsUnique();
    });
}
