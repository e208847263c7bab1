namespace Jusou.ServiceDefaults.Auth;

/// <summary>
/// The tenant (municipality) the current unit of work runs for: set from the token for a request, from the event
/// for a consumer. Databases filter every tenant-owned row by it, so an unset tenant sees nothing.
/// </summary>
public sealed class TenantContext
{
    public string? Code { get; private set; }

    public void Use(string code)
    {
        if (!JusouClaims.IsTenantCode(code)) throw new ArgumentException($"'{code}' is not a tenant code.", nameof(code));
        if (Code is not null && Code != code) throw new InvalidOperationException("The tenant of a unit of work cannot change.");
        Code = code;
    }

    public string Required => Code ?? throw new InvalidOperationException("No tenant is set for this unit of work.");
}
