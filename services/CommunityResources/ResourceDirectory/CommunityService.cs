using Jusou.CommunityResources.Codes;
namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// HSDS service: a programme or place (事業・プログラム・居場所) with the columns of Ina's 実施計画 table — 対象者,
/// 実施方式 (直営/委託/補助), 圏域, 支援機関, 所管課 — and the statutory project it belongs to. Public information.
/// </summary>
[NoPersonalData("事業・プログラムの公開情報")]
public sealed class CommunityService : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>Stable key of an imported row (e.g. "ina:programme:participation"), so a re-import finds it.</summary>
    public string? ExternalKey { get; init; }
    /// <summary>The 支援機関 that delivers it (HSDS organization_id).</summary>
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>実施内容.</summary>
    public string? Description { get; set; }
    /// <summary><see cref="Codes.CommunityCodes.StatutoryProjects"/></summary>
    public string StatutoryProject { get; set; } = "";
    /// <summary>The clause of 社会福祉法第106条の4第2項 as the plan names it, e.g. "第3号のイ".</summary>
    public string? StatutoryClause { get; set; }
    /// <summary><see cref="Codes.CommunityCodes.ServiceKinds"/></summary>
    public List<string> Kinds { get; set; } = [];
    /// <summary><see cref="Codes.CommunityCodes.TargetGroups"/></summary>
    public List<string> TargetGroups { get; set; } = [];
    /// <summary>対象者 in the plan's words.</summary>
    public string? EligibilityDescription { get; set; }
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }
    /// <summary>実施方式, <see cref="Codes.CommunityCodes.DeliveryMethods"/>.</summary>
    public string DeliveryMethod { get; set; } = "";
    /// <summary>圏域: an area code of this municipality.</summary>
    public string AreaCode { get; set; } = "";
    /// <summary>所管課.</summary>
    public string? Department { get; set; }
    /// <summary>Other 支援機関 named for the programme (branches, partners), by organisation id.</summary>
    public List<Guid> PartnerOrganisationIds { get; set; } = [];
    public int? Capacity { get; set; }
    public bool Paid { get; set; }
    public string? FeesDescription { get; set; }
    /// <summary>A place where 参加支援 may place someone: Participation lists it as an opportunity.</summary>
    public bool ParticipationCapable { get; set; }
    /// <summary><see cref="Codes.CommunityCodes.ServiceStatuses"/></summary>
    public string Status { get; set; } = CommunityCodes.ServiceStatus.Active;
    /// <summary>Increases with every published change or withdrawal; carried by the events so consumers can drop stale ones.</summary>
    public long PublicationVersion { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ServiceAtLocation> Locations { get; init; } = [];
    public List<ServiceSchedule> Schedules { get; init; } = [];
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CommunityService>(service =>
        {
            service.ToTable("services");
            service.Property(s => s.ExternalKey).HasMaxLength(100);
            service.Property(s => s.Name).HasMaxLength(DirectoryLengths.Name);
            service.Property(s => s.Description).HasMaxLength(CommunityServiceRequest.TextMaxLength);
            service.Property(s => s.StatutoryProject).HasMaxLength(40);
            service.Property(s => s.StatutoryClause).HasMaxLength(DirectoryLengths.StatutoryClause);
            service.Property(s => s.EligibilityDescription).HasMaxLength(CommunityServiceRequest.TextMaxLength);
            service.Property(s => s.DeliveryMethod).HasMaxLength(20);
            service.Property(s => s.AreaCode).HasMaxLength(40);
            service.Property(s => s.Department).HasMaxLength(DirectoryLengths.Department);
            service.Property(s => s.FeesDescription).HasMaxLength(CommunityServiceRequest.TextMaxLength);
            service.Property(s => s.Status).HasMaxLength(20);
            service.Property(s => s.Version).IsRowVersion();
            service.HasIndex(s => new { s.TenantCode, s.ExternalKey }).IsUnique().HasFilter("external_key IS NOT NULL");
            service.HasIndex(s => new { s.TenantCode, s.AreaCode });
            service.HasMany(s => s.Locations).WithOne().HasForeignKey(l => l.ServiceId);
            service.HasMany(s => s.Schedules).WithOne().HasForeignKey(l => l.ServiceId);
        });
        modelBuilder.Entity<ServiceAtLocation>(link =>
        {
            link.ToTable("service_at_locations");
            link.HasIndex(l => new { l.ServiceId, l.LocationId }).IsUnique();
        });
        modelBuilder.Entity<ServiceSchedule>(schedule =>
        {
            schedule.ToTable("service_schedules");
            schedule.Property(s => s.Freq).HasMaxLength(10);
            schedule.Property(s => s.ByDay).HasMaxLength(DirectoryLengths.ScheduleByDay);
            schedule.Property(s => s.Description).HasMaxLength(DirectoryLengths.ScheduleDescription);
        });
    }
}

/// <summary>HSDS service_at_location.</summary>
public sealed class ServiceAtLocation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ServiceId { get; init; }
    public Guid LocationId { get; init; }
}

/// <summary>HSDS schedule (an RFC 5545 rule, simplified to WEEKLY/MONTHLY with days and hours, 日本時間).</summary>
public sealed class ServiceSchedule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ServiceId { get; init; }
    public string Freq { get; init; } = "WEEKLY";
    /// <summary>e.g. "MO,TH" or, monthly, "2WE".</summary>
    public string? ByDay { get; init; }
    public TimeOnly? OpensAt { get; init; }
    public TimeOnly? ClosesAt { get; init; }
    public string? Description { get; init; }
}
