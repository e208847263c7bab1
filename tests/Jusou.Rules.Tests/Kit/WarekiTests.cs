using Jusou.ServiceDefaults;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests of 和暦: no SystemFixture, nothing is started.
public class WarekiTests
{
    [Theory]
    [InlineData(2019, "令和元年度")]
    [InlineData(2020, "令和2年度")]
    [InlineData(2026, "令和8年度")]
    [InlineData(2018, "平成30年度")]
    [InlineData(1989, "平成元年度")]
    [InlineData(1988, "昭和63年度")]
    public void A_fiscal_year_is_named_after_the_calendar_year_it_starts_in_with_gannen(int fiscalYear, string expected) =>
        Assert.Equal(expected, JapanDate.WarekiFiscalYear(fiscalYear));

    [Theory]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("2019-05-01", "令和元年5月1日")]
    [InlineData("2026-12-03", "令和8年12月3日")]
    [InlineData("1989-01-07", "昭和64年1月7日")]
    [InlineData("1989-01-08", "平成元年1月8日")]
    public void A_date_is_in_the_era_in_effect_on_it(string date, string expected) =>
        Assert.Equal(expected, JapanDate.InWareki(DateOnly.Parse(date)));
}
