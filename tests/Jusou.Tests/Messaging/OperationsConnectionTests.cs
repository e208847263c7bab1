using Jusou.ServiceKit.Messaging;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.ServiceKit.Operations;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Messaging;

/// <summary>
/// The gauges look at the error queues every few seconds: each service does it over one long-lived AMQP connection,
/// not a new connection per look (which the broker would log and count as churn).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class OperationsConnectionTests(SystemFixture system)
{
    [Fact]
    public async Task Each_service_keeps_one_operations_connection_across_samples()
    {
        var management = system.App.GetEndpoint("messaging", "management");
        using var http = new HttpClient { BaseAddress = management };
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));

        async Task<List<(string Service, string Connection)>> OperationsConnections()
        {
            var connections = await http.GetFromJsonAsync<JsonArray>("/api/connections") ?? [];
            return connections
                .Select(c => (Name: c?["client_properties"]?["connection_name"]?.GetValue<string>(), Connection: c?["name"]?.GetValue<string>()))
                .Where(c => c.Name is not null && c.Connection is not null)
                .SelectMany(c => Jusou.AppHost.JusouServices.Names.Where(s => c.Name == OperationsConnection.NameOf(s)).Select(s => (s, c.Connection!)))
                .ToList();
        }

        // Intake and MultiAgency have consumers, so their gauges look at error queues (every 10 s).
        var first = await Eventually.Get(async () =>
        {
            var seen = await OperationsConnections();
            return seen.Any(c => c.Service == "intake") && seen.Any(c => c.Service == "multiagency") ? seen : null;
        }, TimeSpan.FromSeconds(40), "the services' operations connections");
        await Task.Delay(TimeSpan.FromSeconds(25)); // two more samples of every service's gauges
        var later = await OperationsConnections();

        foreach (var group in later.GroupBy(c => c.Service)) Assert.Single(group);
        // The same connections, not new ones opened for each sample.
        Assert.All(first, connection => Assert.Contains(connection, later));
    }
}
