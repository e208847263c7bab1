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
    /// <summary>The person's display name (OpenID Connect's standard claim): forms print staff by it (StaffMember).</summary>
    public const string Name = "name";

    /// <summary>
    /// The tenant of operator tokens (role ops only), which are not about any municipality's data: a placeholder no
    /// municipality has (there is no prefecture 00), so no tenant-owned row can ever carry it.
    /// </summary>
    public const string OperatorTenant = "000000";

    /// <summary>A tenant: a valid 全国地方公共団体コード (check digit included), or the operators' placeholder.</summary>
    public static bool IsTenantCode(string? value) => MunicipalityCode.IsValid(value) || value == OperatorTenant;

    /// <summary>
    /// Why the token's tenant is refused, or null: it must be a valid 全国地方公共団体コード, or the operators' placeholder
    /// on a token whose only role is ops.
    /// </summary>
    public static string? TenantRefusal(System.Security.Claims.ClaimsPrincipal? user)
    {
        var tenant = user?.FindFirst(Tenant)?.Value;
        if (tenant is null) return "The token carries no tenant claim.";
        if (tenant == OperatorTenant)
        {
            var roles = user!.FindAll(Role).Select(c => c.Value).ToList();
            return roles.Count > 0 && roles.All(r => r == JusouRoles.Ops) ? null : $"The tenant {OperatorTenant} is for operator (ops) tokens only.";
        }
        return MunicipalityCode.IsValid(tenant)
            ? null
            : $"The tenant '{tenant}' is not a valid 全国地方公共団体コード (six digits, prefecture 01–47, check digit).";
    }
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
