using Jusou.ServiceKit.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Areas;

/// <summary>
/// An area of the municipality (市全域 &gt; 日常生活圏域 &gt; 地区) as this service learnt it from CommunityResources'
/// AreaNamed: records keep the area's code; forms print its name (<see cref="ServiceDbContext.KnowsAreas"/>).
/// </summary>
[NoPersonalData("圏域・地区のコードと名称のみ")]
public sealed class KnownArea : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    public string Code { get; init; } = "";
    public string Name { get; set; } = "";
    public string Level { get; set; } = "";
    /// <summary>When the name was given: a rename that arrives before an older announcement is not undone by it.</summary>
    public DateTimeOffset NamedAt { get; set; }

    /// <summary>
    /// Applies one announcement to what is known (<paramref name="known"/>, or nothing yet): the latest naming wins,
    /// whatever order the announcements arrive in. Returns the row to add when the code was not known.
    /// </summary>
    public static KnownArea? Learn(KnownArea? known, string tenantCode, string code, string name, string level, DateTimeOffset namedAt)
    {
        if (known is not null && namedAt <= known.NamedAt) return null;
        var row = known ?? new KnownArea { TenantCode = tenantCode, Code = code };
        row.Name = name;
        row.Level = level;
        row.NamedAt = namedAt;
        return known is null ? row : null;
    }

    /// <summary>How a form prints an area: its name, or its code while the name is not known yet.</summary>
    public static async Task<string?> NameOf(ServiceDbContext db, string? code, CancellationToken cancellationToken)
    {
        if (code is null) return null;
        var name = await db.Set<KnownArea>().AsNoTracking().Where(a => a.Code == code).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        return name ?? code;
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<KnownArea>(area =>
    {
        area.ToTable("known_areas");
        area.HasKey(a => new { a.TenantCode, a.Code });
        area.Property(a => a.Code).HasMaxLength(40);
        area.Property(a => a.Name).HasMaxLength(100);
        area.Property(a => a.Level).HasMaxLength(20);
    });
}
