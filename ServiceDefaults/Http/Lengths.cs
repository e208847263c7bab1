namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// The length limits several services share. A request states its limit once, as <c>[property: MaxLength(n)]</c> naming
/// one of these (or its own feature's constant); <see cref="Validation.Limits"/> enforces it, the OpenAPI document shows
/// it as <c>maxLength</c>, and the EF mapping of the column it fills names the same constant.
/// </summary>
public static class Lengths
{
    /// <summary>An organisation's code: its 法人番号 or the municipality's own code, as the directory registers it.</summary>
    public const int OrganisationCode = 200;

    /// <summary>A 地区 code of the municipality's own table.</summary>
    public const int DistrictCode = 40;

    /// <summary>A member of staff as a record names them (their id or name).</summary>
    public const int Staff = 200;

    /// <summary>A telephone number as written.</summary>
    public const int Phone = 40;
}
