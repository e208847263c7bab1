namespace Jusou.CommunityResources.People;

/// <summary>
/// A person the community can call on: a クロス人材 (someone who bridges fields — 本業+α — and notices people in need)
/// or a volunteer with their ボランティアポイント. Personal data: every access is audited.
/// </summary>
[PersonalDataFile("地域人材名簿 (クロス人材・ボランティア)", "地域づくりに向けた支援 (社会福祉法 第106条の4第2項第3号) のための人材の把握と活動・ボランティアポイントの記録",
    "登録の抹消から1年", Subjects = "クロス人材・ボランティアとして登録した住民", Sources = "本人の登録申込、活動の記録")]
public sealed class CommunityPerson : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="Codes.CommunityCodes.PersonKinds"/></summary>
    public string Kind { get; init; } = "";
    public string Name { get; set; } = "";
    public string? AreaCode { get; set; }
    /// <summary>分野 they bridge or work in, <see cref="Codes.CommunityCodes.Fields"/>.</summary>
    public List<string> Fields { get; set; } = [];
    /// <summary>What they can do, in their words (傾聴, 送迎, 料理, 農作業の指導 …).</summary>
    public List<string> Skills { get; set; } = [];
    /// <summary>本業 or affiliation (e.g. 商店主, 農家, 学生).</summary>
    public string? Affiliation { get; set; }
    public string? Contact { get; set; }
    public string? Notes { get; set; }
    /// <summary>ボランティアポイント earned in total (the sum of <see cref="VolunteerActivity"/> rows).</summary>
    public int VolunteerPoints { get; set; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CommunityPerson>(person =>
        {
            person.ToTable("community_people");
            person.Property(p => p.Kind).HasMaxLength(20);
            person.Property(p => p.Name).HasMaxLength(CommunityPersonRequest.NameMaxLength);
            person.Property(p => p.AreaCode).HasMaxLength(40);
            person.Property(p => p.Affiliation).HasMaxLength(CommunityPersonRequest.AffiliationMaxLength);
            person.Property(p => p.Contact).HasMaxLength(CommunityPersonRequest.ContactMaxLength);
            person.Property(p => p.Notes).HasMaxLength(CommunityPersonRequest.NotesMaxLength);
            person.Property(p => p.Version).IsRowVersion();
            person.HasIndex(p => new { p.TenantCode, p.Kind });
        });
        modelBuilder.Entity<VolunteerActivity>(activity =>
        {
            activity.ToTable("volunteer_activities");
            activity.HasIndex(a => new { a.TenantCode, a.PersonId });
        });
        modelBuilder.Entity<CooperationEntry>(entry =>
        {
            entry.ToTable("cooperation_entries");
            entry.Property(e => e.Offer).HasMaxLength(CooperationRequest.OfferMaxLength);
            entry.Property(e => e.AreaCode).HasMaxLength(40);
            entry.Property(e => e.Version).IsRowVersion();
            entry.HasIndex(e => new { e.TenantCode, e.OrganisationId }).IsUnique();
        });
    }
}

/// <summary>One volunteer activity and the points it earned (イ～ナ介護支援ボランティアポイント style).</summary>
[PartOfPersonalDataFile(typeof(CommunityPerson))]
public sealed class VolunteerActivity : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid PersonId { get; init; }
    public DateOnly On { get; init; }
    public int Points { get; init; }
    /// <summary>The programme or host (受入機関) it happened at, when known.</summary>
    public Guid? ServiceId { get; init; }
    public string RecordedBy { get; init; } = "";
}

/// <summary>協働リスト: an organisation willing to cooperate in 地域づくり, with the fields it covers and what it offers.</summary>
[NoPersonalData("協働に応じる団体と分野 (団体の情報)")]
public sealed class CooperationEntry : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid OrganisationId { get; init; }
    public List<string> Fields { get; set; } = [];
    public string? Offer { get; set; }
    public string? AreaCode { get; set; }
    public bool Active { get; set; } = true;
    public uint Version { get; private set; }
}
