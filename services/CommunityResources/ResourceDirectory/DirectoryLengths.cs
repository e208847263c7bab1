namespace Jusou.CommunityResources.ResourceDirectory;

/// <summary>
/// The directory's length limits: the requests state them as <c>[MaxLength]</c> (which the OpenAPI document shows and
/// <c>Validation.Limits</c> enforces) and the EF mapping of the columns they fill names the same constants.
/// </summary>
public static class DirectoryLengths
{
    public const int Name = 200;
    public const int Description = 2000;
    public const int Address = 400;
    public const int Email = 200;
    public const int Website = 400;
    public const int Department = 100;
    public const int StatutoryClause = 40;
    public const int ScheduleByDay = 40;
    public const int ScheduleDescription = 400;

    /// <summary>The free-text search of the services (<c>q</c>).</summary>
    public const int Query = 100;
}
