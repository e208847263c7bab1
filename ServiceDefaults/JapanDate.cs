using System.Globalization;

namespace Jusou.ServiceDefaults;

/// <summary>
/// The municipalities' calendar: what staff mean by "today", and the 和暦 of printed pages. Japan has one time zone
/// and no daylight saving, so a fixed +09:00 is exact whatever zone the server runs in.
/// </summary>
public static class JapanDate
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The Japanese calendar (令和, 平成 …) in Japanese, for "ggy年M月d日".</summary>
    public static CultureInfo Wareki { get; } = CreateWareki();

    /// <summary>The calendar date in Japan of an instant.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());

    /// <summary>The instant a Japanese calendar day begins, in UTC (Npgsql stores UTC only).</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>A date in 和暦: 令和7年4月1日.</summary>
    public static string InWareki(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToString("ggy年M月d日", Wareki);

    private static CultureInfo CreateWareki()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ja-JP").Clone();
        culture.DateTimeFormat.Calendar = new JapaneseCalendar();
        return culture;
    }
}
