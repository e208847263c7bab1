namespace Jusou.RightsAdvocacy;

/// <summary>
/// Checks of the dates recorded here, which are days of the Japanese calendar (<see cref="JapanDate"/>):
/// a 審判 recorded "today" in Ina is today in Japan.
/// </summary>
public static class RightsDates
{
    /// <summary>A date that has not happened yet cannot be recorded as done.</summary>
    public static Validation NotAfterToday(this Validation validation, string field, DateOnly? date, DateOnly today) =>
        date is { } day && day > today ? validation.Add(field, $"{field} cannot be after today ({today:yyyy-MM-dd}).") : validation;

    /// <summary>A date before 成年後見制度 existed (2000-04-01) is a typing mistake.</summary>
    public static Validation Plausible(this Validation validation, string field, DateOnly? date) =>
        date is { } day && day < new DateOnly(2000, 4, 1) ? validation.Add(field, $"{field} must be on or after 2000-04-01, when 成年後見制度 began.") : validation;
}
