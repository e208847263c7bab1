using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Jusou.Gateway;

/// <summary>
/// Behind a load balancer the gateway sees the balancer's address, not the client's. Gateway:TrustedProxies lists the
/// balancers (addresses or CIDR networks, e.g. 10.0.0.0/8); from them, and only from them, X-Forwarded-For and
/// X-Forwarded-Proto are believed, so the client's address (the anonymous rate limit's key) and scheme are the real
/// ones. Unset: no forwarded header is believed (anyone could send one).
/// </summary>
public static class ForwardedHeaders
{
    public static void AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var trusted = builder.Configuration.GetSection("Gateway:TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                                       | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in trusted)
            {
                if (entry.Contains('/')) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                else options.KnownProxies.Add(IPAddress.Parse(entry));
            }
            // One balancer in front: take the address it saw. (Each further trusted hop is unwrapped too.)
            options.ForwardLimit = null;
        });
    }
}
