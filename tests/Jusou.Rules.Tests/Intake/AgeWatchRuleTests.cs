using Jusou.Intake.AgeWatch;

namespace Jusou.Rules.Tests.Intake;

/// <summary>The age part of the 制度切れ watch: the day an age is reached, and which watched ages fall in the window.</summary>
public class AgeWatchRuleTests
{
    [Theory]
    [InlineData("1961-04-01", 65, "2026-03-31")] // reached at the end of the day before the birthday (年齢計算ニ関スル法律)
    [InlineData("2008-12-25", 18, "2026-12-24")]
    [InlineData("1986-01-01", 40, "2025-12-31")] // across the year
    [InlineData("1960-02-29", 65, "2025-02-28")] // born on 29 February, no birthday in a common year: the end of February
    [InlineData("1964-02-29", 40, "2004-02-28")] // in a leap year, the day before the 29th
    [InlineData("1960-03-01", 65, "2025-02-28")]
    [InlineData("1960-03-01", 64, "2024-02-29")]
    public void An_age_is_reached_on_the_day_before_the_birthday(string born, int age, string reached) =>
        Assert.Equal(DateOnly.Parse(reached, System.Globalization.CultureInfo.InvariantCulture),
            AgeWatchRules.ReachesOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), age));

    [Fact]
    public void Only_the_watched_ages_reached_from_today_to_the_end_of_the_window_are_approaching()
    {
        var rules = new AgeWatchRules { Thresholds = [65, 18, 40], WindowDays = 90 };
        var today = new DateOnly(2026, 12, 1);

        Assert.Equal([(65, new DateOnly(2026, 12, 1))], rules.Approaching(new DateOnly(1961, 12, 2), today)); // today: in
        Assert.Equal([(65, new DateOnly(2027, 3, 1))], rules.Approaching(new DateOnly(1962, 3, 2), today)); // the window's last day: in
        Assert.Empty(rules.Approaching(new DateOnly(1962, 3, 3), today)); // a day after the window
        Assert.Empty(rules.Approaching(new DateOnly(1961, 12, 1), today)); // reached yesterday
        Assert.Empty(rules.Approaching(new DateOnly(1990, 1, 1), today)); // 36: no watched age near
    }

    [Fact]
    public void A_tenant_that_watches_another_age_is_told_of_that_age_only()
    {
        var rules = new AgeWatchRules { Thresholds = [75], WindowDays = 30 };
        var today = new DateOnly(2026, 12, 1);

        Assert.Equal([(75, new DateOnly(2026, 12, 10))], rules.Approaching(new DateOnly(1951, 12, 11), today));
        Assert.Empty(rules.Approaching(new DateOnly(1961, 12, 11), today)); // 65 is not watched by this tenant
    }
}
