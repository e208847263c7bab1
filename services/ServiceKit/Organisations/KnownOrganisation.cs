using Jusou.ServiceKit.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Organisations;

/// <summary>
/// An organisation of the municipality's directory (CommunityResources), as this service learnt it from
/// OrganisationRegistered: its code — how requests, tokens and events name it — its directory id, kind and parent.
/// A service that names organisations lists <see cref="ServiceDbContext.KnowsOrganisations"/> and checks every code
/// it is given against this table (<see cref="OrganisationValidation"/>).
/// </summary>
[NoPersonalData("支援機関の名簿 (コード・ID・種別) のみ。公開情報")]
public sealed class KnownOrganisation : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    /// <summary>The organisation's code: its 法人番号, or the municipality's own code.</summary>
    public string Code { get; init; } = "";
    public Guid OrganisationId { get; set; }
    public string KindCode { get; set; } = "";
    public string? ParentOrganisationCode { get; set; }
    /// <summary>The directory's publication version last applied: an older announcement changes nothing.</summary>
    public long Version { get; set; }
    public DateTimeOffset LearntAt { get; set; }

    /// <summary>
    /// Applies one announcement to what is known (<paramref name="known"/>, or nothing yet): the newest version wins,
    /// whatever the order the announcements arrive in. Returns the row to add when the code was not known.
    /// </summary>
    public static KnownOrganisation? Learn(KnownOrganisation? known, string tenantCode, string code, Guid organisationId, string kindCode,
        string? parentCode, long version, DateTimeOffset at)
    {
        if (known is not null && version <= known.Version) return null;
        var row = known ?? new KnownOrganisation { TenantCode = tenantCode, Code = code };
        row.OrganisationId = organisationId;
        row.KindCode = kindCode;
        row.ParentOrganisationCode = parentCode;
        row.Version = version;
        row.LearntAt = at;
        return known is null ? row : null;
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<KnownOrganisation>(organisation =>
    {
        organisation.ToTable("known_organisations");
        organisation.HasKey(o => new { o.TenantCode, o.Code });
        organisation.Property(o => o.Code).HasMaxLength(40);
        organisation.Property(o => o.KindCode).HasMaxLength(60);
        organisation.Property(o => o.ParentOrganisationCode).HasMaxLength(40);
    });
}
