using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Jusou.Tests.Community;

/// <summary>
/// Open Referral's HSDS 3.0 table schemas (hsds-schema/, checked in unchanged) loaded into JsonSchema.Net, so an
/// export is validated by the standard's own files, $refs between tables included.
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
        // HSDS declares JSON Schema 2020-12 and adds its own annotation keywords (name, core, constraints …).
        var options = new BuildOptions { Dialect = Dialect.Draft202012 };
        var tables = new Dictionary<string, JsonSchema>();
        foreach (var file in Directory.GetFiles(Folder(), "*.json"))
        {
            var uri = new Uri($"https://schema.hsds.test/3.0/{Path.GetFileName(file)}");
            var schema = JsonSchema.FromText(File.ReadAllText(file), options, uri);
            options.SchemaRegistry.Register(uri, schema);
            tables[Path.GetFileNameWithoutExtension(file)] = schema;
        }
        return tables;
    }

    private static string Folder([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "hsds-schema");
}
