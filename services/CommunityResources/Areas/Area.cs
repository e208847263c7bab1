using Jusou.Contracts.CommunityResources;

namespace Jusou.CommunityResources.Areas;

/// <summary>
/// One area of a municipality: 市全域 &gt; 日常生活圏域 &gt; 地区 (e.g. one of Tono's 11 地区センター), or a wide area
/// beside the city (上伊那圏域). Every service names areas by <see cref="Code"/>, a stable string.
/// </summary>
[NoPersonalData("圏域・地区のコード表")]
public sealed class Area : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public string Code { get; init; } = "";
    public string Name { get; set; } = "";
    /// <summary><see cref="Codes.CommunityCodes.AreaLevels"/></summary>
    public string Level { get; init; } = "";
    public string? ParentCode { get; init; }
    public uint Version { get; private set; }

    /// <summary>
    /// Tells the other services the area's name (AreaNamed), in the unit of work that adds or renames it: forms
    /// elsewhere print 地区 by name.
    /// </summary>
    public void Announce(ServiceDbContext db, DateTimeOffset now) =>
        db.Publish(new AreaNamed(Guid.CreateVersion7(), now, db.Tenant.Required, Code, Name, Level, ParentCode));

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Area>(area =>
    {
        area.Property(a => a.Code).HasMaxLength(AreaRequest.CodeMaxLength);
        area.Property(a => a.Name).HasMaxLength(AreaRequest.NameMaxLength);
        area.Property(a => a.Level).HasMaxLength(20);
        area.Property(a => a.ParentCode).HasMaxLength(AreaRequest.CodeMaxLength);
        area.Property(a => a.Version).IsRowVersion();
        area.HasIndex(a => new { a.TenantCode, a.Code }).IsUnique();
    });
}
