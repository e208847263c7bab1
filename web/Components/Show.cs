using System.Globalization;
using Jusou.ServiceDefaults;

namespace Jusou.Web.Components;

/// <summary>How dates and times read on the screens: 和暦 with the 西暦 beside it, in Japan's time.</summary>
public static class Show
{
    public static string Date(DateOnly? date) => date is { } d ? $"{JapanDate.InWareki(d)}（{d:yyyy/MM/dd}）" : "—";

    public static string Date(DateTimeOffset? instant) => instant is { } i ? Date(JapanDate.Of(i)) : "—";

    public static string DateTime(DateTimeOffset? instant) =>
        instant is { } i ? $"{i.ToOffset(JapanDate.Offset):yyyy/MM/dd HH:mm}" : "—";

    public static string ShortDate(DateOnly? date) => date is { } d ? d.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>A date as an input of type date holds it (yyyy-MM-dd), or nothing.</summary>
    public static string? Iso(this DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Today in Japan.</summary>
    public static DateOnly Today() => JapanDate.Of(DateTimeOffset.UtcNow);

    /// <summary>An id as people can read it aloud and compare: its first eight characters.</summary>
    public static string Id(Guid? id) => id is { } g ? g.ToString()[..8] : "—";
}
