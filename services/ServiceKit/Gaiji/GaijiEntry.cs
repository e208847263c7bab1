using Jusou.ServiceKit.Privacy;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Gaiji;

/// <summary>
/// A 外字 of the municipality: a private-use character (U+E000–U+F8FF, planes 15 and 16) that its systems use for a
/// kanji Unicode lacks, registered at Intake with what it stands for. A person's name may hold a private-use character
/// only when it is registered: otherwise nobody could know which character the code point meant. Intake keeps the
/// register; services that record names learn its entries from GaijiRegistered (<see cref="ServiceDbContext.KnowsGaiji"/>).
/// </summary>
[NoPersonalData("外字の登録簿 (コードポイントと字形の説明) のみ。個人を識別しない")]
public sealed class GaijiEntry : ITenantOwned
{
    public string TenantCode { get; set; } = "";
    public int CodePoint { get; init; }
    /// <summary>What the character is (its reading, its components, the standard character it varies): kept at Intake.</summary>
    public string? Description { get; init; }
    /// <summary>Its 文字情報基盤 (MJ) number, when it has one (e.g. MJ012345).</summary>
    public string? MjCode { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public const int DescriptionMaxLength = 200;

    /// <summary>Unicode's private-use areas: the BMP's and planes 15 and 16 (supplementary private use).</summary>
    public static bool IsPrivateUse(int codePoint) =>
        codePoint is >= 0xE000 and <= 0xF8FF or >= 0xF0000 and <= 0xFFFFD or >= 0x100000 and <= 0x10FFFD;

    /// <summary>The private-use characters of <paramref name="text"/>, each once.</summary>
    public static IReadOnlyList<int> PrivateUseIn(string? text) =>
        text is null ? [] : text.EnumerateRunes().Select(r => r.Value).Where(IsPrivateUse).Distinct().ToList();

    /// <summary>How a code point is written in messages: U+E001.</summary>
    public static string Notation(int codePoint) => $"U+{codePoint:X4}";

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<GaijiEntry>(gaiji =>
    {
        gaiji.ToTable("gaiji");
        gaiji.HasKey(g => new { g.TenantCode, g.CodePoint });
        gaiji.Property(g => g.Description).HasMaxLength(DescriptionMaxLength);
        gaiji.Property(g => g.MjCode).HasMaxLength(20);
    });
}
