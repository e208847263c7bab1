using Jusou.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// A support case of 多機関協働: one case, every agency. Opened from a referral (ConsultationReferred) or by a
/// coordinator; starts at 受付.
/// </summary>
public sealed class SupportCase : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>The Intake consultation this case was referred from, if any. One case per consultation.</summary>
    public Guid? ConsultationId { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>相談内容 (主なもの) code, from Intake or set by the coordinator.</summary>
    public string? MainConcern { get; set; }
    /// <summary>相談経路 code, for the case-conference report.</summary>
    public string? ReferralRoute { get; set; }
    /// <summary>世帯類型 code, for the case-conference report.</summary>
    public string? HouseholdType { get; set; }
    public string? DistrictCode { get; set; }
    /// <summary>The coordinator (響働コーディネーター / 相談支援包括化推進員) in charge: their subject id.</summary>
    public string? CoordinatorId { get; set; }
    /// <summary>When someone last had contact with the person or acted on the case (timeline activity).</summary>
    public DateTimeOffset LastActivityAt { get; set; }
    /// <summary><see cref="SupportCaseCodes.Statuses"/></summary>
    public string Status { get; set; } = "received";
    /// <summary><see cref="SupportCaseCodes.Tracks"/>: 支援会議 (no consent yet) or consented.</summary>
    public string Track { get; set; } = "";
    public DateTimeOffset OpenedAt { get; init; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<SupportCase>(supportCase =>
    {
        supportCase.ToTable("support_cases");
        supportCase.HasKey(c => c.Id);
        supportCase.Property(c => c.TenantCode).HasMaxLength(6);
        supportCase.Property(c => c.MainConcern).HasMaxLength(40);
        supportCase.Property(c => c.ReferralRoute).HasMaxLength(40);
        supportCase.Property(c => c.HouseholdType).HasMaxLength(60);
        supportCase.Property(c => c.DistrictCode).HasMaxLength(40);
        supportCase.Property(c => c.CoordinatorId).HasMaxLength(100);
        supportCase.Property(c => c.Status).HasMaxLength(40);
        supportCase.Property(c => c.Track).HasMaxLength(40);
        supportCase.Property(c => c.Version).IsRowVersion();
        // The database itself guarantees one case per referred consultation, whatever the bus delivers.
        supportCase.HasIndex(c => new { c.TenantCode, c.ConsultationId }).IsUnique().HasFilter("consultation_id IS NOT NULL");
    });
}

public static class SupportCaseCodes
{
    /// <summary>The case lifecycle.</summary>
    public static readonly IReadOnlyDictionary<string, string> Statuses = new Dictionary<string, string>
    {
        ["received"] = "受付",
        ["assessment"] = "アセスメント",
        ["planning"] = "プラン作成",
        ["supporting"] = "支援中",
        ["monitoring"] = "モニタリング",
        ["closed"] = "終結",
    };

    public static readonly IReadOnlyDictionary<string, string> Tracks = new Dictionary<string, string>
    {
        ["support_meeting"] = "支援会議(本人同意なし・法106条の6)",
        ["consented"] = "本人同意あり",
    };

    /// <summary>A referral shared under consent is on the consented track; otherwise it stays inside the 支援会議.</summary>
    public static string TrackFor(string sharingRule) => sharingRule == "consent" ? "consented" : "support_meeting";
}
