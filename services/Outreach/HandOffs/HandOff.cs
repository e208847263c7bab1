using Jusou.Outreach.Codes;

namespace Jusou.Outreach.HandOffs;

/// <summary>
/// つなぎ: the person agreed to be helped and was handed on — to Intake, which records a consultation so they enter
/// the normal path, or back to the MultiAgency support case the target came from. The target itself stays open, so
/// outreach can keep watching (継続的見守り) after other support ends.
/// </summary>
[PartOfPersonalDataFile(typeof(Targets.Target), Via = nameof(TargetId))]
public sealed class HandOff : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid TargetId { get; init; }
    /// <summary><see cref="OutreachCodes.HandOffDestinations"/></summary>
    public string Destination { get; init; } = "";
    /// <summary>本人同意: how and when the person agreed to their details being shared.</summary>
    public string ConsentMethod { get; init; } = "";
    public DateOnly ConsentGivenOn { get; init; }
    /// <summary>相談内容 (main) passed on to Intake.</summary>
    public string? MainConcern { get; init; }
    public DateTimeOffset HandedOffAt { get; init; }
    public string HandedOffBy { get; init; } = "";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<HandOff>(handOff =>
    {
        handOff.ToTable("hand_offs");
        handOff.Property(h => h.Destination).HasMaxLength(40);
        handOff.Property(h => h.ConsentMethod).HasMaxLength(40);
        handOff.Property(h => h.MainConcern).HasMaxLength(40);
        handOff.HasOne<Targets.Target>().WithMany().HasForeignKey(h => h.TargetId);
        // One hand-off per destination: Intake makes one consultation per target, and a second would only confuse.
        handOff.HasIndex(h => new { h.TenantCode, h.TargetId, h.Destination }).IsUnique();
    });
}
