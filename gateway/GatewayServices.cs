namespace Jusou.Gateway;

/// <summary>One service the gateway routes to: <c>/api/{Name}/</c> goes to <c>http://{Name}</c>.</summary>
/// <param name="SubjectAccessRound">When it is asked during a 開示請求 export (1 first).</param>
public sealed record RoutedService(string Name, string DisplayName, int SubjectAccessRound);

/// <summary>
/// The services behind the gateway, read from configuration (<c>Gateway:Services</c>). The AppHost owns the list
/// (AppHost/JusouServices.cs) and gives it, with YARP's routes and clusters, as configuration; a deployment without the
/// AppHost gives the same keys.
/// </summary>
public sealed class GatewayServices(IReadOnlyList<RoutedService> all)
{
    public IReadOnlyList<RoutedService> All => all;

    public IEnumerable<string> Names => all.Select(s => s.Name);

    /// <summary>The 開示請求 rounds: the services of one round are asked together, a round after the one before.</summary>
    public IReadOnlyList<string[]> SubjectAccessRounds =>
        all.GroupBy(s => s.SubjectAccessRound).OrderBy(g => g.Key).Select(g => g.Select(s => s.Name).ToArray()).ToList();

    public static GatewayServices From(IConfiguration configuration)
    {
        var services = configuration.GetSection("Gateway:Services").Get<RoutedService[]>() ?? [];
        if (services.Length == 0 || services.Any(s => string.IsNullOrWhiteSpace(s.Name)))
        {
            throw new InvalidOperationException(
                "Gateway:Services names no service. The AppHost gives the gateway its services (AppHost/JusouServices.cs); " +
                "outside it, set Gateway__Services__0__Name=intake … with the ReverseProxy routes and clusters.");
        }
        return new GatewayServices(services);
    }
}
