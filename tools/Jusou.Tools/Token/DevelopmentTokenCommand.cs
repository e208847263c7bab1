using Jusou.ServiceDefaults.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Jusou.Tools.Token;

/// <summary>
/// Prints a development JWT: `token --tenant 032085 --role coordinator [--org ORGANISATION_CODE] [--sub SUBJECT] [--name 表示名] [--minutes N]`.
/// The org claim is the organisation's code in the municipality's directory (its 法人番号 or the municipality's own code).
/// Refuses outside Development, and the services refuse the development key outside Development too.
/// </summary>
public static class DevelopmentTokenCommand
{
    public static int Run(string[] args)
    {
        var host = Host.CreateApplicationBuilder(args);
        if (!host.Environment.IsDevelopment())
        {
            Console.Error.WriteLine("token: development tokens can only be minted in the Development environment.");
            return 2;
        }
        var key = host.Configuration["Auth:DevelopmentSigningKey"];
        var tenant = host.Configuration["tenant"];
        var role = host.Configuration["role"];
        if (string.IsNullOrEmpty(key) || !JusouClaims.IsTenantCode(tenant) || role is null || !JusouRoles.All.Contains(role)
            || (tenant == JusouClaims.OperatorTenant && role != JusouRoles.Ops))
        {
            Console.Error.WriteLine("usage: token --tenant <全国地方公共団体コード with its check digit, e.g. 032085 (000000 for --role ops)> --role <" + string.Join("|", JusouRoles.All) +
                                    "> [--org ORGANISATION_CODE] [--sub SUBJECT] [--name DISPLAY_NAME] [--minutes N]  (needs Auth__DevelopmentSigningKey)");
            return 2;
        }
        var minutes = int.TryParse(host.Configuration["minutes"], out var m) && m > 0 ? m : 480;
        Console.WriteLine(DevelopmentTokens.Mint(key, tenant!, role, host.Configuration["org"], host.Configuration["sub"],
            TimeSpan.FromMinutes(minutes), name: host.Configuration["name"]));
        return 0;
    }
}
