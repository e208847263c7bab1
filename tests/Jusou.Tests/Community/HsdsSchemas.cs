using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Jusou.Tests.Community;

/// <summary>
/// The official Open Referral HSDS 3.0 JSON Schemas (hsds/: copied unchanged from the specification, README.md says
/// from which commit), registered under their published addresses so their $refs (service.json → organization.json
/// → location.json → address.json …) resolve. The answers validated against them:
/// <list type="bullet">
/// <item><c>service</c>, <c>organization</c>: a fully nested object (schema/service.json, schema/organization.json);</item>
/// <item><c>service_package</c>: the export, an array of fully nested services (what compiled/service_package.json is);</item>
/// <item><c>service_page</c>, <c>organization_page</c>: a paged list — the API reference's Page (openapi.json) with
/// contents of compiled/service_list.json or organization_list.json items; stricter than the reference in one way:
/// every Page field is required (the reference says a response "ideally" has them all);</item>
/// <item><c>api_info</c>: the answer of / as openapi.json describes it.</item>
/// </list>
/// format is asserted (uuid, uri, email, date-time), not only annotated.
/// </summary>
internal static class HsdsSchemas
{
    private const string Published = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/";
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(Load);

    /// <summary>The schema errors of <paramref name="instance"/> against <paramref name="schema"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string schema, JsonNode instance)
    {
        var results = Schemas.Value[schema].Evaluate(JsonSerializer.SerializeToElement(instance),
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid) return [];
        return [.. (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{schema}{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }

    private static IReadOnlyDictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions { Dialect = Dialect.Draft202012 };
        var folder = Path.Combine(SourceFolder(), "hsds", "schema");
        foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "openapi.json"))
        {
            var address = new Uri(Published + Path.GetRelativePath(folder, file).Replace('\\', '/'));
            options.SchemaRegistry.Register(address, JsonSchema.FromText(File.ReadAllText(file), options, address));
        }
        var openapi = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "openapi.json")))!;
        var page = openapi["components"]!["schemas"]!["Page"]!;
        var info = openapi["paths"]!["/"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        string PageOf(string items) => $$$"""
            {
              "allOf": [{{{page.ToJsonString()}}}],
              "properties": {"contents": {"type": "array", "items": {"$ref": "{{{Published}}}{{{items}}}"} } },
              "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]
            }
            """;
        var composed = new Dictionary<string, string>
        {
            ["service"] = $$"""{"$ref": "{{Published}}service.json"}""",
            ["organization"] = $$"""{"$ref": "{{Published}}organization.json"}""",
            ["service_package"] = $$$"""{"type": "array", "items": {"$ref": "{{{Published}}}service.json"}}""",
            ["service_page"] = PageOf("compiled/service_list.json"),
            ["organization_page"] = PageOf("compiled/organization_list.json"),
            ["api_info"] = info.ToJsonString(),
        };
        return composed.ToDictionary(c => c.Key, c => JsonSchema.FromText(c.Value, options, new Uri($"https://schemas.jusou.invalid/hsds/{c.Key}")));
    }

    private static string SourceFolder([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;
}
