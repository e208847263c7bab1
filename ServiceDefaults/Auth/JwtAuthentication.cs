using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Jusou.ServiceDefaults.Auth;

/// <summary>
/// JWT bearer authentication. In production the token authority is an OIDC issuer (Auth:Authority); in Development
/// a symmetric key (Auth:DevelopmentSigningKey) signs the tokens that `./jusou token` mints. Outside Development the
/// process refuses to start without an authority, so a development key can never protect real data.
/// </summary>
public static class JwtAuthentication
{
    public const string DevelopmentIssuer = "jusou-development";
    public const string DefaultAudience = "jusou";

    public static void AddJusouAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = AuthSettings.From(builder.Configuration, builder.Environment);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    NameClaimType = JusouClaims.Subject,
                    RoleClaimType = JusouClaims.Role,
                    ValidAudience = settings.Audience,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (settings.Authority is not null)
                {
                    options.Authority = settings.Authority;
                }
                else
                {
                    options.TokenValidationParameters.ValidIssuer = DevelopmentIssuer;
                    options.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.KeyFrom(settings.DevelopmentSigningKey!);
                }
                options.Events = new JwtBearerEvents
                {
                    // A token without a valid tenant can see nothing: refuse it at the door (401).
                    OnTokenValidated = context =>
                    {
                        if (JusouClaims.TenantRefusal(context.Principal) is { } refusal) context.Fail(refusal);
                        return Task.CompletedTask;
                    },
                };
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(TenantUser(new AuthorizationPolicyBuilder()).Build());
        builder.Services.AddScoped<TenantContext>();
    }

    /// <summary>Authenticated, with a tenant: the baseline every API endpoint needs.</summary>
    public static AuthorizationPolicyBuilder TenantUser(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(JusouClaims.Tenant);

    /// <summary>
    /// Restricts an endpoint (or group) to tenant users holding one of <paramref name="roles"/>. The roles are also
    /// published in the OpenAPI document (x-jusou-roles), where the security tests read them.
    /// </summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder endpoint, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new RequiredRoles(roles)).RequireAuthorization(policy => TenantUser(policy).RequireRole(roles));

    /// <summary>Makes the tenant of the signed-in user the tenant of this request's unit of work.</summary>
    public static IApplicationBuilder UseTenantContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var tenant = context.User.FindFirst(JusouClaims.Tenant)?.Value;
            if (context.User.Identity?.IsAuthenticated == true && JusouClaims.IsTenantCode(tenant))
            {
                context.RequestServices.GetRequiredService<TenantContext>().Use(tenant!);
            }
            await next(context);
        });

    private sealed record AuthSettings(string? Authority, string Audience, string? DevelopmentSigningKey)
    {
        public static AuthSettings From(IConfiguration configuration, IHostEnvironment environment)
        {
            var section = configuration.GetSection("Auth");
            var settings = new AuthSettings(
                NullIfEmpty(section["Authority"]),
                NullIfEmpty(section["Audience"]) ?? DefaultAudience,
                NullIfEmpty(section["DevelopmentSigningKey"]));

            if (settings.Authority is not null) return settings;
            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Auth:Authority is not configured. Outside Development Jusou only accepts tokens from a configured " +
                    "OIDC authority; the development signing key is refused.");
            }
            if (settings.DevelopmentSigningKey is null || Encoding.UTF8.GetByteCount(settings.DevelopmentSigningKey) < 32)
            {
                throw new InvalidOperationException(
                    "Auth:DevelopmentSigningKey (at least 32 bytes) is required in Development when Auth:Authority is not set. " +
                    "`./jusou up` provides one.");
            }
            return settings;
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}

/// <summary>Endpoint metadata: one of these roles is required (an endpoint and its groups may each add one; all apply).</summary>
public sealed record RequiredRoles(IReadOnlyList<string> Roles);
