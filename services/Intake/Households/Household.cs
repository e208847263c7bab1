using Jusou.Intake.Codes;

namespace Jusou.Intake.Households;

/// <summary>A household (世帯): its members, how each relates to 本人, and its 世帯類型.</summary>
[PartOfPersonalDataFile(typeof(Persons.Person))]
public sealed class Household : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    /// <summary><see cref="IntakeCodes.HouseholdTypes"/></summary>
    public string? HouseholdType { get; set; }
    public string? DistrictCode { get; set; }
    public List<HouseholdMember> Members { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public uint Version { get; private set; }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Household>(household =>
        {
            household.Property(h => h.HouseholdType).HasMaxLength(60);
            household.Property(h => h.DistrictCode).HasMaxLength(Lengths.DistrictCode);
            household.Property(h => h.Version).IsRowVersion();
            household.HasMany(h => h.Members).WithOne().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<HouseholdMember>(member =>
        {
            member.ToTable("household_members");
            member.HasKey(m => new { m.HouseholdId, m.PersonId });
            member.Property(m => m.Relationship).HasMaxLength(40);
            member.HasIndex(m => m.PersonId);
        });
    }
}

public sealed class HouseholdMember
{
    public Guid HouseholdId { get; init; }
    public Guid PersonId { get; set; }
    /// <summary><see cref="IntakeCodes.Relationships"/></summary>
    public string Relationship { get; set; } = "";
}
