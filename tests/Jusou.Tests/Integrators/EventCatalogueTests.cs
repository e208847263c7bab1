using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Json.Schema;

namespace Jusou.Tests.Integrators;

/// <summary>
/// The event catalogue integrators rely on: served by the gateway, identical to docs/events in the repository,
/// well-formed AsyncAPI 3.0, every example valid against its schema, and the bash example really receives an event.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventCatalogueTests(SystemFixture system)
{
    private static readonly string Docs = Path.Combine(Repository.Root, "docs", "events");

    [Fact]
    public async Task The_served_catalogue_is_the_one_checked_in_under_docs_events()
    {
        var gateway = system.AnonymousGateway();
        var asyncApi = await gateway.GetStringAsync("/events/asyncapi.json");
        Assert.True(asyncApi == await File.ReadAllTextAsync(Path.Combine(Docs, "asyncapi.json")),
            "docs/events/asyncapi.json differs from what services/Contracts generates: run ./jusou event-catalogue and commit docs/events.");

        var channels = JsonNode.Parse(asyncApi)!["channels"]!.AsObject();
        var checkedIn = Directory.GetFiles(Path.Combine(Docs, "schemas"), "*.json").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var served = channels.Select(c => c.Key[(c.Key.IndexOf('.') + 1)..]).Order().ToArray();
        Assert.Equal(served, checkedIn);
        foreach (var name in served)
        {
            Assert.True(await gateway.GetStringAsync($"/events/schemas/{name}.json") == await File.ReadAllTextAsync(Path.Combine(Docs, "schemas", $"{name}.json")),
                $"docs/events/schemas/{name}.json is stale: run ./jusou event-catalogue and commit docs/events.");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/events/schemas/NoSuchEvent.json")).StatusCode);
    }

    [Fact]
    public async Task The_AsyncAPI_document_is_well_formed_and_every_reference_resolves()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Docs, "asyncapi.json"));
        var essentials = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Integrators", "asyncapi-3.0-essentials.schema.json")));
        using var document = JsonDocument.Parse(text);
        var result = essentials.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "asyncapi.json breaks AsyncAPI 3.0 structure: " + Errors(result));

        var root = JsonNode.Parse(text)!;
        var references = Descendants(root).OfType<JsonObject>().Where(o => o.ContainsKey("$ref")).Select(o => o["$ref"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var target = reference[2..].Split('/').Aggregate((JsonNode?)root, (node, segment) => node?[segment.Replace("~1", "/").Replace("~0", "~")]);
            Assert.True(target is not null, $"unresolved reference {reference}");
        }
    }

    [Fact]
    public async Task Every_event_example_is_valid_against_its_schema_and_a_wrong_one_is_not()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Docs, "schemas"), "*.json"))
        {
            var text = await File.ReadAllTextAsync(file);
            var schema = JsonSchema.FromText(text);
            var example = JsonNode.Parse(text)!["examples"]![0]!;
            Assert.True(Valid(schema, example), $"{Path.GetFileName(file)}: its example does not validate");

            // The schema must be able to say no: the same example without its tenant is invalid.
            var broken = example.DeepClone().AsObject();
            broken.Remove("tenantCode");
            Assert.False(Valid(schema, broken), $"{Path.GetFileName(file)}: accepts an event without tenantCode");
        }
    }

    [Fact]
    public async Task The_bash_example_subscribes_and_receives_a_live_event_without_any_dotnet()
    {
        var tenant = Tenants.Fresh();
        var management = system.App.GetEndpoint("messaging", "management");
        var queue = $"integrator-test-{Guid.NewGuid():N}";
        var script = new ProcessStartInfo("bash", [Path.Combine(Docs, "examples", "subscribe.sh"), "Jusou.Contracts.MultiAgency:SupportCaseOpened", queue])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["RABBITMQ_MANAGEMENT_URL"] = management.ToString().TrimEnd('/'), ["WAIT_SECONDS"] = "60", ["MESSAGES"] = "50" },
        };
        using var subscriber = Process.Start(script)!;
        try
        {
            // Wait until the queue is bound, then cause the event.
            var subscribed = await subscriber.StandardError.ReadLineAsync();
            Assert.True(subscribed?.StartsWith("subscribed:") == true, $"the example did not subscribe: {subscribed}");
            var consultationId = await system.Gateway(tenant, JusouRoles.IntakeWorker).ReferConsultation();

            // Other tests' events arrive too (the exchange is shared); ours must be among them.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            JsonObject? ours = null;
            while (ours is null && await subscriber.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var message = JsonNode.Parse(line)!.AsObject();
                if (message["consultationId"]?.GetValue<string>() == consultationId.ToString()) ours = message;
            }
            Assert.NotNull(ours);
            Assert.Equal(tenant, ours["tenantCode"]!.GetValue<string>());
            Assert.Equal("support_meeting", ours["track"]!.GetValue<string>());
        }
        finally
        {
            if (!subscriber.HasExited) subscriber.Kill(entireProcessTree: true);
            using var admin = new HttpClient();
            admin.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
            await admin.DeleteAsync(new Uri(management, $"/api/queues/%2F/{queue}"));
        }
    }

    private static bool Valid(JsonSchema schema, JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        return schema.Evaluate(document.RootElement).IsValid;
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10));

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var descendant in Descendants(child))
                yield return descendant;
    }
}

/// <summary>Where the repository is, for tests that compare generated files with checked-in ones.</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string from)
    {
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jusou.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Jusou.sln above {from}");
    }
}
