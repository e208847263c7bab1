namespace Jusou.Participation;

/// <summary>"Today" where the municipalities are: Japan (UTC+9, no daylight saving).</summary>
public static class JapanDate
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow());
}
