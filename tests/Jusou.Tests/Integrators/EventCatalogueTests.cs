using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using Jusou.Contracts;
using Jusou.ServiceDefaults.Auth;
using Jusou.Tests.Infrastructure;
using Json.Schema;

namespace Jusou.Tests.Integrators;

/// <summary>
/// The event catalogue integrators rely on: served by the gateway, identical to docs/events in the repository,
/// accepted by the official AsyncAPI parser, every example valid against its schema (a subscriber on the real broker:
/// TenantSubscriberTests).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class EventCatalogueTests(SystemFixture system)
{
    private static readonly string Docs = Path.Combine(Repository.Root, "docs", "events");

    [Fact]
    public async Task The_gateway_serves_the_catalogue_checked_in_under_docs_events()
    {
        var gateway = system.AnonymousGateway();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Docs, "asyncapi.json")), await gateway.GetStringAsync("/events/asyncapi.json"));
        var channels = JsonNode.Parse(await gateway.GetStringAsync("/events/asyncapi.json"))!["channels"]!.AsObject();
        Assert.Equal(EventNames.Events.Count, channels.Count);
        foreach (var name in channels.Select(c => c.Key))
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Docs, "schemas", $"{name}.json")), await gateway.GetStringAsync($"/events/schemas/{name}.json"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/events/schemas/NoSuchEvent.json")).StatusCode);
    }

    /// <summary>
    /// The official AsyncAPI parser (@asyncapi/parser, tools/contract-checks) finds no error or warning in the
    /// checked-in document, and does find one in a copy with a dangling reference (so the check can fail).
    /// </summary>
    [Fact]
    public async Task The_official_AsyncAPI_parser_accepts_the_catalogue_and_refuses_a_broken_copy()
    {
        var (valid, validOutput) = await AsyncApiCheck(Path.Combine(Docs, "asyncapi.json"));
        Assert.True(valid, "the AsyncAPI parser found problems in docs/events/asyncapi.json:\n" + validOutput);
        Assert.Contains("channels", validOutput);

        var broken = Path.Combine(Path.GetTempPath(), $"jusou-asyncapi-{Guid.NewGuid():N}.json");
        var text = await File.ReadAllTextAsync(Path.Combine(Docs, "asyncapi.json"));
        await File.WriteAllTextAsync(broken, text.Replace("#/components/parameters/tenantCode", "#/components/parameters/noSuchParameter"));
        try
        {
            var (brokenValid, brokenOutput) = await AsyncApiCheck(broken);
            Assert.False(brokenValid, "the parser accepted a document with a dangling reference");
            Assert.Contains("noSuchParameter", brokenOutput);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static async Task<(bool Valid, string Output)> AsyncApiCheck(string file)
    {
        var tool = Path.Combine(Repository.Root, "tools", "contract-checks");
        Assert.True(Directory.Exists(Path.Combine(tool, "node_modules", "@asyncapi", "parser")),
            "the AsyncAPI parser is missing: ./jusou test installs it (npm ci in tools/contract-checks).");
        var check = new ProcessStartInfo("node", [Path.Combine(tool, "asyncapi-check.mjs"), file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tool,
            Environment = { ["NODE_NO_WARNINGS"] = "1" },
        };
        using var process = Process.Start(check)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode == 0, await output + await errors);
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

    private static bool Valid(JsonSchema schema, JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        return schema.Evaluate(document.RootElement).IsValid;
    }
}
