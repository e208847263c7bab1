using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Jusou.Tests.Community;

/// <summary>
/// The HSDS 3.0 tables our export emits, as one JSON Schema we wrote ourselves from the specification's table
/// definitions (hsds-3.0-essentials.schema.json: required fields, types, enums, one $defs entry per table). The official
/// Open Referral files are not checked in: content read from public repositories is not committed to this project.
/// </summary>
internal static class HsdsSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Tables = new(Load);

    /// <summary>The schema errors of <paramref name="item"/> as a row of <paramref name="table"/> (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string table, JsonNode item)
    {
        var results = Tables.Value[table].Evaluate(JsonSerializer.SerializeToElement(item),
            new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return [.. (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{table}{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }

    private static IReadOnlyDictionary<string, JsonSchema> Load()
    {
        var options = new BuildOptions { Dialect = Dialect.Draft202012 };
        var text = File.ReadAllText(SchemaFile());
        var json = JsonNode.Parse(text)!;
        var document = new Uri(json["$id"]!.GetValue<string>());
        options.SchemaRegistry.Register(document, JsonSchema.FromText(text, options, document));
        // one small schema per table that refers to its $defs entry, so $refs inside resolve against the document
        return json["$defs"]!.AsObject().ToDictionary(table => table.Key, table =>
            JsonSchema.FromText($$"""{"$ref": "{{document}}#/$defs/{{table.Key}}"}""", options, new Uri($"https://schemas.jusou.invalid/table/{table.Key}")));
    }

    private static string SchemaFile([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "hsds-3.0-essentials.schema.json");
}
