using Jusou.ServiceDefaults.Auth;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests: nothing is started.
public class MunicipalityCodeTests
{
    [Theory]
    [InlineData("032085")] // 遠野市
    [InlineData("202096")] // 伊那市
    [InlineData("131016")] // 千代田区
    [InlineData("011002")] // 札幌市
    [InlineData("472018")] // 那覇市
    [InlineData("130001")] // 東京都
    public void Real_codes_are_valid(string code) => Assert.True(MunicipalityCode.IsValid(code));

    [Theory]
    [InlineData("172032")] // wrong check digit
    [InlineData("032084")]
    [InlineData("000000")] // no prefecture 00
    [InlineData("900001")] // no prefecture 90
    [InlineData("48001X")]
    [InlineData("03208")]
    [InlineData("0320855")]
    [InlineData("０３２０８５")] // full-width digits
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_codes_are_not(string? code) => Assert.False(MunicipalityCode.IsValid(code));

    [Fact]
    public void Check_digits_ten_and_eleven_keep_their_last_digit()
    {
        Assert.Equal('0', MunicipalityCode.CheckDigit("00006")); // 6·2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → 0
        Assert.Equal('1', MunicipalityCode.CheckDigit("17203")); // 55; 55 mod 11 = 0; 11 − 0 = 11 → 1
        Assert.Equal('5', MunicipalityCode.CheckDigit("03208")); // 39 → 5
    }
}
