using System.Text.Json.Nodes;
using Jusou.Tests.Infrastructure;

namespace Jusou.Tests.Integrators;

/// <summary>
/// The merged OpenAPI document is what departmental systems read first: every operation says what it does, is
/// grouped under a tag, names who may call it, and every request body shows an example.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiDocumentTests(SystemFixture system)
{
    private static readonly string[] Services = [.. Jusou.AppHost.JusouServices.Names];

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_and_an_example_of_what_to_send()
    {
        var gateway = system.AnonymousGateway();
        var document = await Eventually.Get(async () =>
        {
            using var response = await gateway.GetAsync("/openapi/v1.json");
            if (!response.IsSuccessStatusCode) return null;
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var paths = json["paths"]!.AsObject().Select(p => p.Key).ToList();
            return Services.All(s => paths.Any(p => p.StartsWith($"/api/{s}/", StringComparison.Ordinal))) ? json : null;
        }, TimeSpan.FromSeconds(60), "a merged OpenAPI document with all six services");

        var schemas = document["components"]!["schemas"]!.AsObject();
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject op || method is "parameters") continue;
                var name = $"{method.ToUpperInvariant()} {path}";
                if (string.IsNullOrWhiteSpace(op["summary"]?.GetValue<string>())) missing.Add($"{name}: no summary");
                if (op["tags"] is not JsonArray { Count: > 0 }) missing.Add($"{name}: no tag");
                if (op["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject body && !HasExample(body, schemas))
                    missing.Add($"{name}: request body without an example");
            }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Theory]
    [InlineData("intake", "channel", "channels")]
    [InlineData("intake", "secondaryConcerns", "concerns")]
    [InlineData("outreach", "riskLevel", "riskLevels")]
    [InlineData("rights", "type", "matterTypes")]
    [InlineData("participation", "kind", "opportunityKinds")]
    public async Task Code_fields_carry_the_japanese_labels_of_their_code_table(string service, string field, string table)
    {
        var gateway = system.Gateway(Tenants.Fresh(), Jusou.ServiceDefaults.Auth.JusouRoles.Manager);
        var document = JsonNode.Parse(await gateway.GetStringAsync($"/api/{service}/openapi/v1.json"))!;
        var codes = JsonNode.Parse(await gateway.GetStringAsync($"/api/{service}/codes"))![table]!.AsArray();
        Assert.NotEmpty(codes);

        var descriptions = document["components"]!["schemas"]!.AsObject()
            .Select(schema => schema.Value?["properties"]?[field]?["description"]?.GetValue<string>())
            .OfType<string>()
            .Where(d => d.Contains($"コード表 {table}:", StringComparison.Ordinal))
            .ToList();
        Assert.True(descriptions.Count > 0, $"no schema of {service} labels {field} with the table {table}");
        foreach (var code in codes)
        {
            Assert.Contains($"{code!["code"]} = {code["label"]}", descriptions[0], StringComparison.Ordinal);
        }
    }

    private static bool HasExample(JsonObject schema, JsonObject schemas)
    {
        if (schema["example"] is not null || schema["examples"] is not null) return true;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return schemas[reference.Split('/').Last()] is JsonObject target && HasExample(target, schemas);
        return false;
    }
}
