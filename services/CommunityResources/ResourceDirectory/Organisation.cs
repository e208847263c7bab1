using Jusou.Contracts.CommunityResources;

namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// HSDS organization: a 支援機関 that runs programmes — 地域包括支援センター (基幹型 and its branches), 社協,
/// 相談支援事業所, 中核機関, NPOs, the city's own divisions. Public directory information, not personal data.
/// The directory's organisations are the programme's organisations: every service names one by its <see cref="Code"/>.
/// </summary>
[NoPersonalData("団体・事業所の公開情報 (代表連絡先)")]
public sealed class Organisation : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>Stable key of an imported row (e.g. "ina:org:kirari"), so a re-import finds it.</summary>
    public string? ExternalKey { get; init; }
    /// <summary>Its stable code, unique in the municipality and never changed (<see cref="OrganisationCode"/>).</summary>
    public string Code { get; init; } = "";
    public string Name { get; set; } = "";
    /// <summary><see cref="Codes.CommunityCodes.OrganisationKinds"/></summary>
    public string Kind { get; set; } = "";
    /// <summary>The 基幹型 centre a branch belongs to, for instance.</summary>
    public Guid? ParentOrganisationId { get; set; }
    public string? AreaCode { get; set; }
    public string? Description { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    /// <summary>Increases with every announcement, so the services ignore an older one that arrives late.</summary>
    public long PublicationVersion { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Tells every service the organisation exists (or changed): ids and codes only, in this unit of work.</summary>
    public void Announce(CommunityResourcesDbContext db, string? parentCode, DateTimeOffset now)
    {
        PublicationVersion++;
        db.Publish(new OrganisationRegistered(Guid.CreateVersion7(), now, db.Tenant.Required, Id, Code, Kind, parentCode, PublicationVersion));
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Organisation>(organisation =>
    {
        organisation.Property(o => o.ExternalKey).HasMaxLength(100);
        organisation.Property(o => o.Code).HasMaxLength(OrganisationCode.MaxLength);
        organisation.Property(o => o.Name).HasMaxLength(DirectoryLengths.Name);
        organisation.Property(o => o.Kind).HasMaxLength(60);
        organisation.Property(o => o.AreaCode).HasMaxLength(40);
        organisation.Property(o => o.Description).HasMaxLength(DirectoryLengths.Description);
        organisation.Property(o => o.Phone).HasMaxLength(Lengths.Phone);
        organisation.Property(o => o.Email).HasMaxLength(DirectoryLengths.Email);
        organisation.Property(o => o.Website).HasMaxLength(DirectoryLengths.Website);
        organisation.Property(o => o.Version).IsRowVersion();
        organisation.HasIndex(o => new { o.TenantCode, o.ExternalKey }).IsUnique().HasFilter("external_key IS NOT NULL");
        organisation.HasIndex(o => new { o.TenantCode, o.Code }).IsUnique();
    });
}

/// <summary>HSDS location: where a programme happens (a 地区センター, a 通いの場 hall, a shop).</summary>
[NoPersonalData("拠点・場所の公開情報")]
public sealed class Location : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public string? ExternalKey { get; init; }
    public Guid? OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? AreaCode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Description { get; set; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Location>(location =>
    {
        location.Property(l => l.ExternalKey).HasMaxLength(100);
        location.Property(l => l.Name).HasMaxLength(DirectoryLengths.Name);
        location.Property(l => l.Address).HasMaxLength(DirectoryLengths.Address);
        location.Property(l => l.AreaCode).HasMaxLength(40);
        location.Property(l => l.Description).HasMaxLength(DirectoryLengths.Description);
        location.Property(l => l.Version).IsRowVersion();
        location.HasIndex(l => new { l.TenantCode, l.ExternalKey }).IsUnique().HasFilter("external_key IS NOT NULL");
    });
}
