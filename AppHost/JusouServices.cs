using Jusou.ServiceDefaults;

namespace Jusou.AppHost;

/// <summary>
/// One of Jusou's services: its identity (<see cref="ServiceIdentity"/>, the same record its Program.cs names: the
/// resource name is also its route <c>/api/{Name}/</c>, its database and its gateway cluster) and how the AppHost runs it.
/// </summary>
/// <param name="Project">The statutory project it serves.</param>
/// <param name="SubjectAccessRound">When the gateway asks it during a 開示請求 export (1 first; see gateway/SubjectAccessExport.cs).</param>
/// <param name="Add">Adds its project to the AppHost (<see cref="PrebuiltProject"/>).</param>
public sealed record JusouService(ServiceIdentity Identity, string Project, int SubjectAccessRound, AddJusouProject Add)
{
    public string Name => Identity.Name;
    /// <summary>The project's name (Jusou.{DisplayName}) and how people call the service.</summary>
    public string DisplayName => Identity.DisplayName;
    public string Route => Identity.Route;
    public string Database => Identity.Database;
    public string ConnectionName => Identity.ConnectionName;
}

/// <summary>
/// The list of services, owned by the AppHost: it starts them, and gives the gateway its routes, clusters, health list
/// and 開示請求 order as configuration (<see cref="GatewayConfiguration"/>). Tests and the benchmark read it too.
/// To add a service: a project under services/ (copy one; docs/architecture.md#a-seventh-service), its identity in
/// ServiceDefaults/ServiceIdentity.cs, a line here, and nothing in the gateway.
/// </summary>
public static class JusouServices
{
    public static readonly IReadOnlyList<JusouService> All =
    [
        // Intake first: it records persons, so its 404 ends a 開示請求 before anything else is asked.
        new(ServiceIdentity.Intake, "包括的相談支援事業", 1, PrebuiltProject.Of<Projects.Jusou_Intake>()),
        new(ServiceIdentity.MultiAgency, "多機関協働事業", 2, PrebuiltProject.Of<Projects.Jusou_MultiAgency>()),
        new(ServiceIdentity.Participation, "参加支援事業", 2, PrebuiltProject.Of<Projects.Jusou_Participation>()),
        new(ServiceIdentity.Outreach, "アウトリーチ等を通じた継続的支援事業", 2, PrebuiltProject.Of<Projects.Jusou_Outreach>()),
        new(ServiceIdentity.RightsAdvocacy, "権利擁護", 2, PrebuiltProject.Of<Projects.Jusou_RightsAdvocacy>()),
        // After Outreach, which names the 気になる人 reports its targets came from.
        new(ServiceIdentity.CommunityResources, "地域づくりに向けた支援事業", 3, PrebuiltProject.Of<Projects.Jusou_CommunityResources>()),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>
    /// The gateway's settings for the services, as configuration keys: a YARP route and cluster per service (the
    /// destination <c>http://{name}</c> is resolved by service discovery) and the list <c>Gateway:Services</c>.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> GatewayConfiguration()
    {
        for (var i = 0; i < All.Count; i++)
        {
            var service = All[i];
            yield return new($"ReverseProxy:Routes:{service.Name}:ClusterId", service.Name);
            yield return new($"ReverseProxy:Routes:{service.Name}:Match:Path", $"{service.Route}/{{**rest}}");
            yield return new($"ReverseProxy:Clusters:{service.Name}:Destinations:{service.Name}:Address", $"http://{service.Name}");
            yield return new($"ReverseProxy:Clusters:{service.Name}:HttpRequest:ActivityTimeout", "00:00:30");
            yield return new($"Gateway:Services:{i}:Name", service.Name);
            yield return new($"Gateway:Services:{i}:DisplayName", service.DisplayName);
            yield return new($"Gateway:Services:{i}:SubjectAccessRound", service.SubjectAccessRound.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
