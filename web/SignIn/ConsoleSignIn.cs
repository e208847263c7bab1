using System.Security.Claims;
using Jusou.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Jusou.Web.SignIn;

/// <summary>
/// Who is at the keyboard. The console keeps the user in a cookie (its own, HttpOnly) together with the access token
/// the API accepts, and sends that token to the gateway on every call (<see cref="Gateway.GatewayApi"/>):
/// <list type="bullet">
/// <item>outside Development, by OpenID Connect against the municipality's issuer (Auth:Authority, Auth:ClientId,
/// Auth:ClientSecret) — the same issuer the services trust, so its access token is the API's token;</item>
/// <item>in Development, on the sign-in page (/signin), which picks tenant, role and organisation and mints a token with
/// the development key the services are given (Auth:DevelopmentSigningKey), as <c>./jusou token</c> does.</item>
/// </list>
/// The cookie carries the token's tenant, role and org claims so that pages can say who is signed in.
/// </summary>
public static class ConsoleSignIn
{
    public const string AccessToken = "access_token";
    public static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromHours(8);

    public static void AddConsoleSignIn(this WebApplicationBuilder builder)
    {
        var authority = builder.Configuration["Auth:Authority"];
        if (authority is null && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Outside Development the console signs people in with OpenID Connect: set Auth:Authority and Auth:ClientId.");
        }
        builder.Services.AddSingleton(new SignInOptions(
            DevelopmentSignIn: authority is null,
            DevelopmentSigningKey: builder.Configuration["Auth:DevelopmentSigningKey"],
            Audience: builder.Configuration["Auth:Audience"] ?? JwtAuthentication.DefaultAudience));

        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = authority is null
                    ? CookieAuthenticationDefaults.AuthenticationScheme
                    : OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "jusou-console";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/signin";
                // The cookie lives no longer than the token in it.
                options.ExpireTimeSpan = DevelopmentTokenLifetime;
                options.SlidingExpiration = false;
            });
        if (authority is not null)
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.ClientId = builder.Configuration["Auth:ClientId"] ?? "jusou-console";
                options.ClientSecret = builder.Configuration["Auth:ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Add(builder.Configuration["Auth:Scope"] ?? "jusou");
                options.TokenValidationParameters.NameClaimType = JusouClaims.Subject;
                options.TokenValidationParameters.RoleClaimType = JusouClaims.Role;
                options.Events.OnTokenValidated = context =>
                {
                    // The API reads tenant, role and org from the access token: show the user what the API will see.
                    var token = context.TokenEndpointResponse?.AccessToken;
                    if (token is not null && context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        foreach (var claim in ClaimsOf(token).Where(c => c.Type is JusouClaims.Tenant or JusouClaims.Role or JusouClaims.Organisation))
                        {
                            if (!identity.HasClaim(claim.Type, claim.Value)) identity.AddClaim(claim);
                        }
                    }
                    return Task.CompletedTask;
                };
            });
        }

        // Every page needs a signed-in user of a municipality, unless it says [AllowAnonymous] (the sign-in page).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(JusouClaims.Tenant).Build());
    }

    /// <summary>Signs the user in with a development token (the sign-in page, Development only).</summary>
    public static async Task SignInWithDevelopmentToken(HttpContext http, SignInOptions options, string tenant, string role,
        string? organisation, string subject, string? displayName)
    {
        var key = options.DevelopmentSigningKey
            ?? throw new InvalidOperationException("Auth:DevelopmentSigningKey is not set: the AppHost gives it to the console.");
        var token = DevelopmentTokens.Mint(key, tenant, role, organisation, subject, DevelopmentTokenLifetime, audience: options.Audience,
            name: string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim());
        var identity = new ClaimsIdentity(ClaimsOf(token), CookieAuthenticationDefaults.AuthenticationScheme, JusouClaims.Subject, JusouClaims.Role);
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = token }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>The claims of a token, read without validation: the gateway validates it on every call.</summary>
    private static IEnumerable<Claim> ClaimsOf(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type is JusouClaims.Subject or JusouClaims.Tenant or JusouClaims.Role or JusouClaims.Organisation or JusouClaims.Name)
            .Select(c => new Claim(c.Type, c.Value));

    /// <summary>GET /signin/oidc starts the OpenID Connect sign-in; POST /signout (with the page's antiforgery token) ends the session.</summary>
    public static void MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/signin/oidc", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" },
            [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        }).DisableAntiforgery();
    }
}

public sealed record SignInOptions(bool DevelopmentSignIn, string? DevelopmentSigningKey, string Audience);

/// <summary>Who is signed in, as the pages show it.</summary>
public static class ConsoleUser
{
    public static string Tenant(this ClaimsPrincipal user) => user.FindFirst(JusouClaims.Tenant)?.Value ?? "";
    public static string Role(this ClaimsPrincipal user) => user.FindFirst(JusouClaims.Role)?.Value ?? "";
    public static string? Organisation(this ClaimsPrincipal user) => user.FindFirst(JusouClaims.Organisation)?.Value;
    public static string Subject(this ClaimsPrincipal user) => user.FindFirst(JusouClaims.Subject)?.Value ?? "";
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirst(JusouClaims.Name)?.Value ?? user.Subject();
    public static bool Is(this ClaimsPrincipal user, params string[] roles) => roles.Contains(user.Role());

    public static readonly IReadOnlyDictionary<string, string> RoleLabels = new Dictionary<string, string>
    {
        [JusouRoles.IntakeWorker] = "相談受付（丸ごと相談員）",
        [JusouRoles.Coordinator] = "響働コーディネーター",
        [JusouRoles.AgencyStaff] = "関係機関職員",
        [JusouRoles.OutreachWorker] = "アウトリーチ支援員",
        [JusouRoles.CommunityStaff] = "地域づくり担当",
        [JusouRoles.RightsStaff] = "権利擁護担当",
        [JusouRoles.Manager] = "管理者",
    };
}
