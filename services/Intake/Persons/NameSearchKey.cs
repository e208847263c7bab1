using System.Text;

namespace Jusou.Intake.Persons;

/// <summary>
/// Normalised search key for person names. Names are stored exactly as given; only the key is folded,
/// so staff find a person however the name was typed (kana script, width, spacing, kanji variant).
/// Callers match with prefix/contains on keys, so every fold here works character by character and never
/// reorders or merges across characters, which keeps <c>For(query)</c> a prefix of <c>For(name)</c>.
/// </summary>
public static class NameSearchKey
{
    private static readonly Dictionary<int, int> Representative = BuildVariantMap();

    /// <summary>The search key for a stored name or a query; empty for null or blank input.</summary>
    public static string For(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        // Before NFKC: drop variation selectors (an IVS such as 葛+U+E0100 is the same character for search), and
        // turn the spacing sound marks ゛゜ into combining ones, because NFKC would expand them to
        // "space + combining mark" and legacy data often writes カ゛ for ガ.
        var pre = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var cp = rune.Value;
            if (cp is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF)
            {
                continue;
            }

            pre.Append(cp switch
            {
                0x309B => "\u3099",
                0x309C => "\u309A",
                _ => rune.ToString(),
            });
        }

        // NFKC gives full-width ASCII → ASCII, half-width katakana (with ﾞﾟ) → composed full-width kana,
        // and compatibility ideographs → their unified form, all of which staff consider the same name.
        var compatible = pre.ToString().Normalize(NormalizationForm.FormKC);

        var key = new StringBuilder(compatible.Length);
        foreach (var rune in compatible.EnumerateRunes())
        {
            var cp = rune.Value;
            if (Rune.IsWhiteSpace(rune) || cp is 0x30FB or 0x00B7)
            {
                // Spacing and ・ between family and given name vary by who typed it (NFKC already made ･ into ・).
                continue;
            }

            if (cp is >= 0x3041 and <= 0x3096 or 0x309D or 0x309E)
            {
                // Hiragana and katakana readings are the same reading; the katakana block mirrors it at +0x60.
                cp += 0x60;
            }
            else if (Representative.TryGetValue(cp, out var representative))
            {
                cp = representative;
            }

            key.Append(Rune.ToLowerInvariant(new Rune(cp)).ToString());
        }

        // Hiragana with a dakuten that has no precomposed hiragana (わ゛) only composes once it is katakana (ヷ).
        return key.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// True when the name (key or raw query) is made only of kana, so it should be matched against the
    /// kana reading column rather than the kanji name column. False for blank input.
    /// </summary>
    public static bool IsKana(string key)
    {
        // Folding again is idempotent and lets callers pass a raw query (hiragana, half-width) as well.
        var folded = For(key);
        if (folded.Length == 0)
        {
            return false;
        }

        foreach (var c in folded)
        {
            var isKana = c is (>= '\u30A1' and <= '\u30FF') // katakana incl. ー ヽ ヾ
                or (>= '\u31F0' and <= '\u31FF') // small katakana extension (ㇰ for Ainu names)
                or '\u3099' or '\u309A'; // a sound mark that found nothing to compose with
            if (!isKana)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The kanji variant table (KanjiVariants.txt, generated from the Unicode Han database by tools/kanji-variants):
    /// each line is a group, representative first. Variants fold to the representative. Applied after NFKC, so a
    /// compatibility ideograph (侮 U+FA30) has already become its unified form (侮 U+4FAE) and finds it.
    /// </summary>
    private static Dictionary<int, int> BuildVariantMap()
    {
        using var stream = typeof(NameSearchKey).Assembly.GetManifestResourceStream("Jusou.Intake.Persons.KanjiVariants.txt")
            ?? throw new InvalidOperationException("The kanji variant table is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<int, int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var runes = line.EnumerateRunes().Select(r => r.Value).ToArray();
            foreach (var variant in runes.Skip(1))
            {
                // Add (not the indexer): a character in two groups is a broken table and fails loudly at start-up.
                map.Add(variant, runes[0]);
            }
        }
        return map;
    }
}
