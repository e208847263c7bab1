using System.Text;
using Jusou.Intake.Residency;

namespace Jusou.Rules.Tests.Intake;

/// <summary>Reading a 住民異動 file: no system needed. Every bad line is reported with its number; good lines go on.</summary>
public sealed class ResidencyFileTests
{
    [Fact]
    public void Lines_are_read_by_their_Japanese_headers_and_bad_ones_rejected_with_their_line_numbers()
    {
        var (rows, rejected, error) = ResidencyFile.Read("""
            宛名番号,異動事由,異動日,氏名,備考
            000123,死亡,2026-11-20,,
            000124,転出,20261101,,
            000125,氏名変更,2026/11/02,髙橋 花子,
            000126,"転出,2026-11-01

            000127,引越し,2026-11-01,,
            ,死亡,2026-11-01,,
            000128,moved_out,2026-13-01,,
            """);

        Assert.Null(error);
        Assert.Equal([2, 3, 4], rows.Select(r => r.Line));
        Assert.Equal(["died", "moved_out", "name_changed"], rows.Select(r => r.ChangeCode));
        Assert.Equal(new DateOnly(2026, 11, 1), rows[1].EffectiveOn);
        Assert.Equal("髙橋 花子", rows[2].Name);
        Assert.Equal([5, 7, 8, 9], rejected.Select(r => r.Line));
        Assert.Contains(rejected[0].Errors, e => e.Contains("quote", StringComparison.Ordinal));
        Assert.Contains(rejected[1].Errors, e => e.Contains("異動事由", StringComparison.Ordinal));
        Assert.Contains(rejected[2].Errors, e => e.Contains("宛名番号", StringComparison.Ordinal));
        Assert.Contains(rejected[3].Errors, e => e.Contains("異動日", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_the_required_columns_is_refused_whole()
    {
        var (rows, _, error) = ResidencyFile.Read("番号,事由\n1,死亡\n");
        Assert.Empty(rows);
        Assert.Contains("宛名番号", error);
    }

    [Fact]
    public void Shift_JIS_is_read_when_named_and_UTF_8_is_the_default()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = "宛名番号,異動事由,異動日,氏名\n000123,氏名変更,2026-11-20,𠮷田 髙子\n";
        var sjis = Encoding.GetEncoding(932).GetBytes("宛名番号,異動事由,異動日,氏名\n000123,氏名変更,2026-11-20,高橋 花子\n");

        Assert.True(ResidencyFile.TryDecode(sjis, "shift_jis", out var decoded, out _));
        Assert.Contains("高橋 花子", decoded);
        // Shift_JIS bytes sent as UTF-8 are refused with what to do, never read as mojibake.
        Assert.False(ResidencyFile.TryDecode(sjis, null, out _, out var error));
        Assert.Contains("charset=shift_jis", error);
        Assert.True(ResidencyFile.TryDecode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], "utf-8", out var utf8, out _));
        Assert.Equal(text, utf8);
        Assert.False(ResidencyFile.TryDecode(sjis, "latin1", out _, out _));
    }
}
