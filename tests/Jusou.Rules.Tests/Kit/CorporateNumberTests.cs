using Jusou.ServiceDefaults.Auth;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests: nothing is started.
public class CorporateNumberTests
{
    [Theory]
    [InlineData("7000012050002")] // 国税庁
    [InlineData("1180301018771")] // トヨタ自動車株式会社
    [InlineData("4000020032085")] // built as local governments' numbers are: 000020 then the 団体コード (遠野市)
    public void Real_numbers_are_valid(string number) => Assert.True(CorporateNumber.IsValid(number));

    [Theory]
    [InlineData("8000012050002")] // wrong check digit
    [InlineData("1180301018772")] // a changed digit of the base
    [InlineData("700001205000")] // twelve digits
    [InlineData("70000120500021")] // fourteen
    [InlineData("700001205000X")]
    [InlineData("700001205000a")]
    [InlineData("７００００１２０５０００２")] // full-width digits
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_numbers_are_not(string? number) => Assert.False(CorporateNumber.IsValid(number));

    [Fact]
    public void A_remainder_of_zero_gives_nine()
    {
        Assert.Equal('9', CorporateNumber.CheckDigit("000000000000")); // 0 mod 9 = 0 → 9 − 0
        Assert.Equal('9', CorporateNumber.CheckDigit("000000000009")); // 9 → 0 → 9
        Assert.Equal('7', CorporateNumber.CheckDigit("000012050002"));
        Assert.Equal("7000012050002", CorporateNumber.WithCheckDigit("000012050002"));
    }
}
