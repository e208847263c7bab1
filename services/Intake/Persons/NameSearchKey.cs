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
    // Each group is "representative, then its variants". Covers common surname variants (異体字) only;
    // it is deliberately small and can grow toward the 同定 tables of 行政事務標準文字.
    // Only true variants of one character belong here: look-alikes such as 萩/荻 are different names.
    // Keys must be NFKC-stable, because folding runs after NFKC (compatibility ideographs such as
    // U+FA10 塚 already reach their unified form through NFKC). \u escapes mark characters that editors
    // or tools might silently normalise or that are hard to tell apart visually.
    private static readonly string[] VariantGroups =
    [
        "高髙",
        "辺邊邉",
        "斉齊齋斎", // 斉/斎 are distinct characters in dictionaries, but registries use them interchangeably in 斉藤.
        "崎\uFA11嵜", // U+FA11 﨑 is a unified ideograph in the compatibility block, so NFKC leaves it alone.
        "吉\U00020BB7", // 𠮷 (tsuchi-yoshi) lies outside the BMP.
        "沢澤",
        "浜濱濵",
        "島嶋嶌",
        "桜櫻",
        "広廣",
        "竜龍",
        "国國",
        "会會",
        "栄榮",
        "恵惠",
        "礼禮",
        "実實",
        "徳德",
        "富冨",
        "槙槇",
        "桧檜",
        "籠篭",
        "峰峯",
        "蔵藏",
        "条條",
        "関關",
        "瀬瀨",
        "塚\u5841",
        "黒黑",
        "真眞",
        "浅淺",
        "寿壽",
        "渋澁",
    ];

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

    private static Dictionary<int, int> BuildVariantMap()
    {
        var map = new Dictionary<int, int>();
        foreach (var group in VariantGroups)
        {
            var runes = group.EnumerateRunes().Select(r => r.Value).ToArray();
            foreach (var variant in runes.Skip(1))
            {
                // Add (not the indexer) so a variant listed in two groups fails loudly at start-up.
                map.Add(variant, runes[0]);
            }
        }

        return map;
    }
}
