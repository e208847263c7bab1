using System.Globalization;

namespace Jusou.ServiceDefaults;

/// <summary>
/// The municipalities' calendar: what staff mean by "today", and the 和暦 of printed pages. Japan has one time zone
/// and no daylight saving, so a fixed +09:00 is exact whatever zone the server runs in.
/// </summary>
public static class JapanDate
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The calendar date in Japan of an instant.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());

    /// <summary>The instant a Japanese calendar day begins, in UTC (Npgsql stores UTC only).</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    // 和暦, as municipal forms and reports write it: 令和8年12月3日, 令和元年度. The first year of an era is 元年, never
    // 1年. A calendar year in which an era began is that era's 元年 (2019 is 令和元年), and a fiscal year (年度, April to
    // March) takes the name of the calendar year it starts in: FY2019 is 令和元年度, FY1988 is 昭和63年度.
    private static readonly JapaneseCalendar Calendar = new();
    private static readonly DateTimeFormatInfo EraNames = CreateEraNames();

    /// <summary>A date in the era in effect on it: 平成31年4月30日, 令和元年5月1日.</summary>
    public static string InWareki(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return $"{EraName(day)}{YearNumber(Calendar.GetYear(day))}年{date.Month}月{date.Day}日";
    }

    /// <summary>A calendar year, in the era in effect at its end: 2019 → 令和元年, 1988 → 昭和63年.</summary>
    public static string WarekiYear(int year)
    {
        var end = new DateTime(year, 12, 31);
        return $"{EraName(end)}{YearNumber(Calendar.GetYear(end))}年";
    }

    /// <summary>A fiscal year (the year its April falls in): 2019 → 令和元年度, 2026 → 令和8年度.</summary>
    public static string WarekiFiscalYear(int fiscalYear) => WarekiYear(fiscalYear) + "度";

    private static string EraName(DateTime day) => EraNames.GetEraName(Calendar.GetEra(day));

    private static string YearNumber(int year) => year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture);

    private static DateTimeFormatInfo CreateEraNames()
    {
        var format = (DateTimeFormatInfo)CultureInfo.GetCultureInfo("ja-JP").DateTimeFormat.Clone();
        format.Calendar = Calendar;
        return format;
    }
}
