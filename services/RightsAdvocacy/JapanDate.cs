using Jusou.ServiceDefaults.Http;

namespace Jusou.RightsAdvocacy;

/// <summary>
/// Dates here are dates of the Japanese calendar day: a 審判 recorded "today" in Ina is today in Japan, whatever zone
/// the server runs in. Japan has no daylight saving, so a fixed +09:00 is exact.
/// </summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());

    /// <summary>A date that has not happened yet cannot be recorded as done.</summary>
    public static Validation NotAfterToday(this Validation validation, string field, DateOnly? date, DateOnly today) =>
        date is { } day && day > today ? validation.Add(field, $"{field} cannot be after today ({today:yyyy-MM-dd}).") : validation;

    /// <summary>A date before 成年後見制度 existed (2000-04-01) is a typing mistake.</summary>
    public static Validation Plausible(this Validation validation, string field, DateOnly? date) =>
        date is { } day && day < new DateOnly(2000, 4, 1) ? validation.Add(field, $"{field} must be on or after 2000-04-01, when 成年後見制度 began.") : validation;
}
