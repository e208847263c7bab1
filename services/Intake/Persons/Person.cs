using Jusou.Intake.Codes;
namespace Jusou.Intake.Persons;

/// <summary>
/// A resident Intake knows about. Names are stored exactly as given (variant kanji and all); the search keys beside
/// them are what searching compares, so 高橋 finds 髙橋 and やまだ finds ヤマダ.
/// </summary>
[PersonalDataFile("相談者台帳", "重層的支援体制整備事業の相談者の特定、同一人物の確認と世帯の把握 (社会福祉法 第106条の4)",
    "支援の終結から5年 (各自治体の文書管理規程による)", Sources = "本人・家族からの聴取、関係機関からのつなぎ、住民基本台帳 (宛名システム) の住民異動")]
public sealed class Person : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary>氏名 as written (kanji or any script).</summary>
    public string? Name { get; set; }
    /// <summary>フリガナ.</summary>
    public string? NameKana { get; set; }
    public string NameKey { get; private set; } = "";
    public string KanaKey { get; private set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Sex { get; set; }
    public string? Address { get; set; }
    /// <summary>地区 code (CommunityResources' areas).</summary>
    public string? DistrictCode { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }
    /// <summary>宛名番号: the person's number in the municipality's 宛名 system (住民基本台帳), unique per tenant.</summary>
    public string? AtenaNumber { get; set; }
    /// <summary>resident, moved_out (転出) or died (死亡), as the 住民異動 imports last said (<see cref="Residency.ResidencyChange"/>).</summary>
    public string ResidentStatus { get; set; } = IntakeCodes.ResidentStatus.Resident;
    /// <summary>The day of the move out or death (異動日).</summary>
    public DateOnly? ResidentStatusOn { get; set; }
    /// <summary>active, or merged into <see cref="MergedIntoId"/> after a reviewed merge (the record is kept).</summary>
    public string Status { get; set; } = IntakeCodes.PersonStatus.Active;
    public Guid? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    /// <summary>The organisation whose worker recorded the person: partner agencies see only their own and their referrals'.</summary>
    public string? CreatedByOrganisationCode { get; init; }
    public uint Version { get; private set; }

    /// <summary>Recomputes the search keys; call after changing a name.</summary>
    public void RefreshSearchKeys()
    {
        NameKey = NameSearchKey.For(Name);
        KanaKey = NameSearchKey.For(NameKana);
    }

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<Person>(person =>
    {
        person.Property(p => p.Name).HasMaxLength(PersonRequest.NameMaxLength);
        person.Property(p => p.NameKana).HasMaxLength(PersonRequest.NameMaxLength);
        person.Property(p => p.NameKey).HasMaxLength(PersonRequest.NameMaxLength * 2);
        person.Property(p => p.KanaKey).HasMaxLength(PersonRequest.NameMaxLength * 2);
        person.Property(p => p.Sex).HasMaxLength(20);
        person.Property(p => p.Address).HasMaxLength(PersonRequest.AddressMaxLength);
        person.Property(p => p.DistrictCode).HasMaxLength(Lengths.DistrictCode);
        person.Property(p => p.Phone).HasMaxLength(Lengths.Phone);
        person.Property(p => p.Notes).HasMaxLength(PersonRequest.NotesMaxLength);
        person.Property(p => p.AtenaNumber).HasMaxLength(PersonRequest.AtenaNumberMaxLength);
        person.Property(p => p.ResidentStatus).HasMaxLength(20);
        person.Property(p => p.Status).HasMaxLength(20);
        person.Property(p => p.CreatedByOrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        person.Property(p => p.Version).IsRowVersion();
        person.HasIndex(p => new { p.TenantCode, p.KanaKey });
        person.HasIndex(p => new { p.TenantCode, p.NameKey });
        person.HasIndex(p => new { p.TenantCode, p.BirthDate });
        person.HasIndex(p => new { p.TenantCode, p.AtenaNumber }).IsUnique().HasFilter("atena_number IS NOT NULL");
    });
}
