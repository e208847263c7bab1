using Jusou.Intake.Persons;

namespace Jusou.Rules.Tests.Intake;

// Pure unit tests: no SystemFixture, nothing is started. Characters that editors may silently normalise
// (compatibility ideographs), that are invisible (variation selectors) or outside the BMP are written as escapes.
public class NameSearchKeyTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\t")]
    public void Blank_names_have_an_empty_key(string? name) =>
        Assert.Equal("", NameSearchKey.For(name));

    [Theory]
    [InlineData("やまだ")]
    [InlineData("ヤマダ")]
    [InlineData("ﾔﾏﾀﾞ")]
    [InlineData("ﾔﾏﾀﾞ ﾀﾛｳ")]
    public void Kana_queries_find_the_katakana_reading(string query)
    {
        var stored = NameSearchKey.For("ヤマダ タロウ");
        Assert.StartsWith(NameSearchKey.For(query), stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ﾔﾏﾀﾞ", "ヤマダ")] // ﾞ composes with the preceding kana, not a separate character
    [InlineData("ﾊﾟﾝﾀﾞ", "パンダ")]
    [InlineData("やまだ", "ヤマダ")]
    [InlineData("ゔぁ", "ヴァ")]
    [InlineData("カ゛ン", "ガン")] // legacy data: spacing ゛ instead of a composed ガ
    [InlineData("ハ゜ン", "パン")]
    [InlineData("わ\u3099", "ヷ")] // no precomposed hiragana exists; composes once folded to katakana
    [InlineData("ｻﾄｰ", "サトー")] // half-width long vowel mark becomes ー and is kept
    [InlineData("いすゞ", "イスヾ")]
    public void Kana_fold_to_full_width_katakana(string name, string expected) =>
        Assert.Equal(expected, NameSearchKey.For(name));

    [Theory]
    [InlineData("キヨ", "キョ")]
    [InlineData("ｷﾖ", "キョ")]
    [InlineData("ツ", "ッ")]
    [InlineData("サトー", "サト")]
    public void Small_kana_and_long_vowel_marks_stay_distinct(string a, string b) =>
        Assert.NotEqual(NameSearchKey.For(a), NameSearchKey.For(b));

    [Theory]
    [InlineData("Ａｂｃ１", "abc1")]
    [InlineData("ＳＭＩＴＨ Ｊｏｈｎ", "smith john")]
    [InlineData("O'Brien", "o'brien")]
    public void Full_width_ascii_and_letter_case_are_ignored(string a, string b) =>
        Assert.Equal(NameSearchKey.For(b), NameSearchKey.For(a));

    [Theory]
    [InlineData("山田　太郎")] // U+3000 ideographic space
    [InlineData("山田 太郎")]
    [InlineData(" 山田\t太郎 ")]
    [InlineData("山田\u00A0太郎")]
    [InlineData("山田・太郎")]
    public void Whitespace_and_middle_dots_are_ignored(string name) =>
        Assert.Equal(NameSearchKey.For("山田太郎"), NameSearchKey.For(name));

    [Theory]
    [InlineData("ジョン・スミス")]
    [InlineData("ｼﾞｮﾝ･ｽﾐｽ")]
    [InlineData("ジョン\u00B7スミス")]
    [InlineData("じょん すみす")]
    public void Foreign_names_match_with_any_separator(string name) =>
        Assert.Equal("ジョンスミス", NameSearchKey.For(name));

    [Fact]
    public void A_family_name_query_is_a_prefix_of_the_full_name_key() =>
        Assert.StartsWith(NameSearchKey.For("山田"), NameSearchKey.For("山田 太郎"), StringComparison.Ordinal);

    [Theory]
    [InlineData("高橋", "髙橋")]
    [InlineData("渡辺", "渡邉")]
    [InlineData("渡辺", "渡邊")]
    [InlineData("渡邉", "渡邊")]
    [InlineData("斉藤", "齋藤")]
    [InlineData("斉藤", "齊藤")]
    [InlineData("斉藤", "斎藤")]
    [InlineData("齋藤", "斎藤")]
    [InlineData("山崎", "山\uFA11")] // 﨑
    [InlineData("山崎", "山嵜")]
    [InlineData("吉田", "\U00020BB7田")] // 𠮷 (surrogate pair)
    [InlineData("中沢", "中澤")]
    [InlineData("浜田", "濱田")]
    [InlineData("浜田", "濵田")]
    [InlineData("島田", "嶋田")]
    [InlineData("島田", "嶌田")]
    [InlineData("桜井", "櫻井")]
    [InlineData("広瀬", "廣瀨")]
    [InlineData("竜也", "龍也")]
    [InlineData("国男", "國男")]
    [InlineData("会田", "會田")]
    [InlineData("栄一", "榮一")]
    [InlineData("恵子", "惠子")]
    [InlineData("礼子", "禮子")]
    [InlineData("実", "實")]
    [InlineData("徳川", "德川")]
    [InlineData("富田", "冨田")]
    [InlineData("槙原", "槇原")]
    [InlineData("桧山", "檜山")]
    [InlineData("籠谷", "篭谷")]
    [InlineData("峰岸", "峯岸")]
    [InlineData("大蔵", "大藏")]
    [InlineData("北条", "北條")]
    [InlineData("関口", "關口")]
    [InlineData("塚本", "\uFA10本")] // compatibility ideograph, folded by NFKC
    [InlineData("侮", "\uFA30")] // 侮 compatibility ideograph
    [InlineData("神田", "\uFA19田")] // 神
    [InlineData("澤田", "沢田")]
    [InlineData("髙橋", "高橋")]
    [InlineData("黒田", "黑田")]
    // The table (Persons/KanjiVariants.txt) comes from the Unicode Han database; these pairs are what staff expect of it.
    public void Kanji_variants_fold_to_one_representative(string a, string b) =>
        Assert.Equal(NameSearchKey.For(a), NameSearchKey.For(b));

    [Theory]
    [InlineData("渡辺", "渡邉 太郎")]
    [InlineData("わたなべ", "ﾜﾀﾅﾍﾞ ﾀﾛｳ")]
    [InlineData("𠮷田", "吉田　花子")]
    [InlineData("さいとう", "サイトウ　ハナコ")]
    public void Variant_queries_find_full_names_by_prefix(string query, string stored) =>
        Assert.StartsWith(NameSearchKey.For(query), NameSearchKey.For(stored), StringComparison.Ordinal);

    [Theory]
    [InlineData("萩原", "荻原")]
    [InlineData("斉藤", "佐藤")]
    [InlineData("塚本", "\u5841本")] // 塁 is not 塚
    [InlineData("土井", "士井")]
    [InlineData("机", "機")] // a Chinese simplification, but two different kanji in Japan
    public void Look_alike_but_different_characters_stay_distinct(string a, string b) =>
        Assert.NotEqual(NameSearchKey.For(a), NameSearchKey.For(b));

    [Theory]
    [InlineData("葛\U000E0100城")] // ideographic variation sequence (IVS)
    [InlineData("葛\U000E0101城")]
    [InlineData("葛\uFE00城")] // standardized variation sequence
    public void Variation_selectors_are_ignored(string name) =>
        Assert.Equal(NameSearchKey.For("葛城"), NameSearchKey.For(name));

    [Fact]
    public void Characters_outside_the_bmp_are_kept_whole()
    {
        // 𩸽 (hokke) has no variant entry: its surrogate pair must survive untouched, not be split or dropped.
        Assert.Equal("\U00029E3D田", NameSearchKey.For("\U00029E3D田"));
        Assert.Equal("吉田", NameSearchKey.For("\U00020BB7田"));
    }

    [Theory]
    [InlineData("ヤマダ タロウ")]
    [InlineData("やまだ")]
    [InlineData("ﾔﾏﾀﾞ")]
    [InlineData("サトー")]
    [InlineData("ジョン・スミス")]
    public void Kana_only_names_are_kana(string name)
    {
        Assert.True(NameSearchKey.IsKana(NameSearchKey.For(name)));
        Assert.True(NameSearchKey.IsKana(name));
    }

    [Theory]
    [InlineData("山田")]
    [InlineData("山田 たろう")]
    [InlineData("ヤマダ1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("　")]
    public void Names_with_anything_but_kana_are_not_kana(string name) =>
        Assert.False(NameSearchKey.IsKana(NameSearchKey.For(name)));

    [Theory]
    [InlineData("ﾜﾀﾅﾍﾞ　ﾀﾛｳ")]
    [InlineData("渡邊・Ｔａｒｏ")]
    [InlineData("葛\U000E0100城 \U00020BB7子")]
    [InlineData("カ゛わ\u3099")]
    [InlineData("髙﨑\uFA10\u5841")]
    [InlineData("\uFA30\uFA19\u3444")]
    public void Folding_a_key_again_changes_nothing(string name)
    {
        var key = NameSearchKey.For(name);
        Assert.Equal(key, NameSearchKey.For(key));
    }
}

public class KanjiVariantTableTests
{
    private static readonly string[] Groups = File.ReadAllLines(Path.Combine(Repository.Root, "services/Intake/Persons/KanjiVariants.txt"))
        .Where(line => line.Length > 0 && line[0] != '#').ToArray();

    [Fact]
    public void Every_character_of_a_group_folds_to_its_first()
    {
        Assert.True(Groups.Length > 1000, $"the generated table has {Groups.Length} groups");
        foreach (var group in Groups)
        {
            var runes = group.EnumerateRunes().Select(r => r.ToString()).ToArray();
            foreach (var variant in runes) Assert.Equal(NameSearchKey.For(runes[0]), NameSearchKey.For(variant));
        }
    }

    [Fact]
    public void No_character_is_in_two_groups_and_none_is_changed_by_NFKC()
    {
        var seen = new HashSet<string>();
        foreach (var rune in Groups.SelectMany(g => g.EnumerateRunes()).Select(r => r.ToString()))
        {
            Assert.True(seen.Add(rune), $"{rune} is in two groups");
            Assert.Equal(rune, rune.Normalize(System.Text.NormalizationForm.FormKC));
        }
    }
}
