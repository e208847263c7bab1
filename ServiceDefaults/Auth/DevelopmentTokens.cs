using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Jusou.ServiceDefaults.Auth;

/// <summary>
/// Mints tokens signed with the development key, for `./jusou token` and for tests.
/// Services accept these only in Development (see <see cref="JwtAuthentication"/>).
/// </summary>
public static class DevelopmentTokens
{
    public static SymmetricSecurityKey KeyFrom(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public static string Mint(
        string signingKey,
        string tenant,
        string role,
        string? organisation = null,
        string? subject = null,
        TimeSpan? lifetime = null,
        DateTimeOffset? now = null,
        string audience = JwtAuthentication.DefaultAudience,
        string? name = null)
    {
        // Minted outside a running service (the token command, tests), so the system clock is the default.
        var issuedAt = (now ?? TimeProvider.System.GetUtcNow()).UtcDateTime;
        var claims = new List<Claim>
        {
            new(JusouClaims.Subject, subject ?? $"dev-{role}"),
            new(JusouClaims.Role, role),
        };
        if (!string.IsNullOrEmpty(tenant)) claims.Add(new Claim(JusouClaims.Tenant, tenant));
        if (!string.IsNullOrEmpty(organisation)) claims.Add(new Claim(JusouClaims.Organisation, organisation));
        if (!string.IsNullOrEmpty(name)) claims.Add(new Claim(JusouClaims.Name, name));

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = JwtAuthentication.DevelopmentIssuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddMinutes(-1),
            Expires = issuedAt.Add(lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
