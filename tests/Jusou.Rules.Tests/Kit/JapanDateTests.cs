using Jusou.ServiceDefaults;

namespace Jusou.Rules.Tests.Kit;

// Pure unit tests: nothing is started.
public class JapanDateTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2026-03-31T14:59:59Z", "2026-03-31")] // 23:59:59 in Japan
    [InlineData("2026-03-31T15:00:00Z", "2026-04-01")] // midnight in Japan: the fiscal year has turned
    [InlineData("2026-04-01T08:00:00-07:00", "2026-04-02")] // an instant in any offset is read in Japan
    public void A_date_is_the_day_in_Japan(string instant, string day)
    {
        Assert.Equal(DateOnly.Parse(day), JapanDate.Of(DateTimeOffset.Parse(instant)));
        Assert.Equal(DateOnly.Parse(day), JapanDate.Today(new FixedClock(DateTimeOffset.Parse(instant))));
    }

    [Fact]
    public void A_day_starts_at_midnight_in_Japan_given_in_UTC()
    {
        var start = JapanDate.StartOf(new DateOnly(2026, 4, 1));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(new DateOnly(2026, 4, 1), JapanDate.Of(start));
        Assert.Equal(new DateOnly(2026, 3, 31), JapanDate.Of(start.AddTicks(-1)));
    }

    [Theory]
    [InlineData("2019-04-30", "平成31年4月30日")]
    [InlineData("2019-05-01", "令和元年5月1日")] // the first year of an era is 元年
    [InlineData("2025-04-01", "令和7年4月1日")]
    public void Printed_dates_are_in_wareki(string day, string wareki) =>
        Assert.Equal(wareki, JapanDate.InWareki(DateOnly.Parse(day)));
}
