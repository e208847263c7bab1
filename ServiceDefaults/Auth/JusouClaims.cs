namespace Jusou.ServiceDefaults.Auth;

/// <summary>The claims Jusou reads from a token (docs/architecture.md#security-and-the-consent-rule).</summary>
public static class JusouClaims
{
    public const string Subject = "sub";
    /// <summary>全国地方公共団体コード: six digits including the check digit.</summary>
    public const string Tenant = "tenant";
    public const string Role = "role";
    /// <summary>The organisation the user acts for: its code in the municipality's directory (法人番号 or the municipality's own code).</summary>
    public const string Organisation = "org";

    public static bool IsTenantCode(string? value) =>
        value is { Length: 6 } && value.All(char.IsAsciiDigit);
}

/// <summary>Roles a token may carry.</summary>
public static class JusouRoles
{
    public const string IntakeWorker = "intake_worker";
    public const string Coordinator = "coordinator";
    public const string AgencyStaff = "agency_staff";
    public const string OutreachWorker = "outreach_worker";
    public const string CommunityStaff = "community_staff";
    public const string RightsStaff = "rights_staff";
    public const string Manager = "manager";
    public const string Integrator = "integrator";
    public const string Ops = "ops";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        IntakeWorker, Coordinator, AgencyStaff, OutreachWorker, CommunityStaff, RightsStaff, Manager, Integrator, Ops,
    };
}

/// <summary>Reading the caller from the token.</summary>
public static class CallerExtensions
{
    public static string SubjectId(this System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(JusouClaims.Subject)?.Value ?? "";

    public static string? OrganisationCode(this System.Security.Claims.ClaimsPrincipal user) => user.FindFirst(JusouClaims.Organisation)?.Value;
}
