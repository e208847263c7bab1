using Jusou.CommunityResources.Codes;
namespace Jusou.CommunityResources.Concerns;

/// <summary>
/// 気になる人: a 民生委員, a neighbour or a shop noticed someone who may need help. Kept minimal and confidential:
/// the words and the person's description stay here; Outreach gets codes only (ConcernReported), and the reporter
/// sees only whether Outreach took it up.
/// </summary>
[PersonalDataFile("気になる人の情報", "民生委員・住民等から寄せられた気になる人の情報をアウトリーチ等を通じた継続的支援へつなぐ",
    "アウトリーチへの引継ぎから5年", SpecialCareData = true, Subjects = "気になる人として通報された住民、通報者",
    Sources = "民生委員・近隣住民・商店等からの通報", Recipients = "アウトリーチ支援担当 (ID とコードのみをイベントで通知)",
    RetentionFrom = nameof(ReceivedByOutreachAt))]
public sealed class ConcernReport : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="Codes.CommunityCodes.ReporterKinds"/></summary>
    public string ReporterKind { get; init; } = "";
    /// <summary>The token subject who entered it: the only one besides outreach who may follow it.</summary>
    public string ReportedBy { get; init; } = "";
    public string? ReporterOrganisation { get; init; }
    public string? DistrictCode { get; init; }
    public List<string> ConcernCodes { get; init; } = [];
    public string RiskLevel { get; init; } = "";
    /// <summary>Who it is about, as the reporter can describe them (name, address, household). Confidential.</summary>
    public string? PersonDescription { get; init; }
    /// <summary>What was noticed. Confidential.</summary>
    public string? Details { get; init; }
    public DateOnly? NoticedOn { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
    /// <summary><see cref="Codes.CommunityCodes.ConcernStatuses"/></summary>
    public string Status { get; set; } = CommunityCodes.ConcernStatus.Submitted;
    public Guid? OutreachTargetId { get; set; }
    public DateTimeOffset? ReceivedByOutreachAt { get; set; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ConcernReport>(report =>
    {
        report.Property(r => r.ReporterKind).HasMaxLength(20);
        report.Property(r => r.ReporterOrganisation).HasMaxLength(200);
        report.Property(r => r.DistrictCode).HasMaxLength(Lengths.DistrictCode);
        report.Property(r => r.RiskLevel).HasMaxLength(10);
        report.Property(r => r.PersonDescription).HasMaxLength(ConcernReportRequest.TextMaxLength);
        report.Property(r => r.Details).HasMaxLength(ConcernReportRequest.TextMaxLength);
        report.Property(r => r.Status).HasMaxLength(30);
        report.Property(r => r.Version).IsRowVersion();
        report.HasIndex(r => new { r.TenantCode, r.ReportedBy });
        // One outreach target takes up one report, however often the event is delivered.
        report.HasIndex(r => new { r.TenantCode, r.OutreachTargetId }).IsUnique().HasFilter("outreach_target_id IS NOT NULL");
    });
}
