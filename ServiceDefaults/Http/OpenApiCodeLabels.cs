using System.Buffers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Gives every field that holds a code the Japanese labels of its code table, in the OpenAPI document, so that an
/// integrator reading the reference sees 「counter = 窓口, phone = 電話 …」 next to <c>channel</c> without a second lookup,
/// and the codes as the field's <c>enum</c> for a code generator.
/// </summary>
public static class OpenApiCodeLabels
{
    /// <summary>
    /// A field is matched to a table of <paramref name="tables"/> by name (see <see cref="TableFor"/>); a trailing
    /// Code/Codes is ignored (concernCodes → concerns). A list of codes gets the labels of its items' table.
    /// </summary>
    public static OpenApiOptions AddCodeLabels(this OpenApiOptions options,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> tables)
    {
        var byName = tables.ToDictionary(t => t.Key.ToLowerInvariant(), t => (Name: t.Key, Codes: t.Value));
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var owner = FirstWord(context.JsonTypeInfo.Type.Name);
            foreach (var (field, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (property is not OpenApiSchema target || !HoldsCodes(target)) continue;
                if (TableFor(field, owner, byName) is not { } table) continue;
                var labels = string.Join(", ", table.Codes.Select(code => $"{code.Key} = {code.Value}"));
                var line = $"コード表 {table.Name}: {labels}";
                target.Description = string.IsNullOrEmpty(target.Description) ? line : $"{target.Description}\n\n{line}";
                // The codes themselves as the schema's enum, so a generated client knows them (null stays allowed where it was).
                var values = table.Codes.Keys.Select(code => (System.Text.Json.Nodes.JsonNode?)code).ToList();
                if (IsString(target.Type))
                {
                    // JSON Schema checks enum after type: a nullable code field lists null among its values.
                    if (target.Type!.Value.HasFlag(JsonSchemaType.Null)) values.Add(null);
                    target.Enum = values!;
                }
                else if (target.Items is OpenApiSchema items) items.Enum = values!;
            }
            return Task.CompletedTask;
        });
        return options;
    }

    private static bool HoldsCodes(OpenApiSchema property) =>
        IsString(property.Type) || (property.Type?.HasFlag(JsonSchemaType.Array) == true && property.Items is OpenApiSchema { Type: var item } && IsString(item));

    // A number is described as integer-or-string (numbers may be sent as strings): it holds no codes (checkInIntervalDays is no day of the week).
    private static bool IsString(JsonSchemaType? type) =>
        type?.HasFlag(JsonSchemaType.String) == true && !type.Value.HasFlag(JsonSchemaType.Integer) && !type.Value.HasFlag(JsonSchemaType.Number);

    /// <summary>
    /// The field's own name, the name qualified by its type's first word (kind of an OpportunityRequest →
    /// opportunityKinds), then its last word (mainConcern → concerns). Nothing looser: a free-text field such as a
    /// target's "reason" must not be labelled with some table of reasons.
    /// </summary>
    private static (string Name, IReadOnlyDictionary<string, string> Codes)? TableFor(
        string field, string owner, Dictionary<string, (string Name, IReadOnlyDictionary<string, string> Codes)> tables)
    {
        var name = field.EndsWith("Codes", StringComparison.Ordinal) ? field[..^5]
            : field.EndsWith("Code", StringComparison.Ordinal) ? field[..^4]
            : field;
        var lastWord = name[Math.Max(0, name.AsSpan().LastIndexOfAny(Capitals))..];
        foreach (var stem in new[] { name, owner + name, lastWord }.Select(s => s.ToLowerInvariant()).Distinct())
        {
            foreach (var candidate in Plurals(stem))
            {
                if (tables.TryGetValue(candidate, out var table)) return table;
            }
        }
        return null;
    }

    private static readonly SearchValues<char> Capitals = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static string FirstWord(string typeName)
    {
        var end = typeName.AsSpan(1).IndexOfAny(Capitals) is var i and >= 0 ? i + 1 : -1;
        return end < 0 ? typeName : typeName[..end];
    }

    private static IEnumerable<string> Plurals(string stem)
    {
        yield return stem;
        yield return stem + "s";
        yield return stem + "es";
        if (stem.EndsWith('y')) yield return stem[..^1] + "ies";
    }
}
