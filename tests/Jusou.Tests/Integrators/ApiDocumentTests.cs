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
        var document = await MergedDocument();

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

    [Fact]
    public async Task The_merged_document_is_one_a_code_generator_can_trust()
    {
        var document = await MergedDocument();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var problems = new List<string>();

        // Every $ref resolves, and no schema name means two shapes (each service's differing schema has its own name).
        foreach (var reference in References(document).Distinct())
        {
            if (!schemas.ContainsKey(reference.Split('/').Last())) problems.Add($"$ref {reference} resolves to nothing");
        }
        var operations = (from path in document["paths"]!.AsObject()
                          from operation in path.Value!.AsObject()
                          where operation.Value is JsonObject && operation.Key != "parameters"
                          select (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!.AsObject())).ToList();
        foreach (var duplicate in operations.GroupBy(o => o.Operation["operationId"]?.GetValue<string>()).Where(g => g.Key is null || g.Count() > 1))
        {
            problems.Add($"operationId '{duplicate.Key}' on {string.Join(", ", duplicate.Select(o => o.Name))}");
        }
        foreach (var (name, operation) in operations)
        {
            // Whatever a caller can get is declared, as RFC 7807 problems.
            foreach (var status in new[] { "401", "403", "429", "503" })
            {
                if (operation["responses"]?[status]?["content"]?["application/problem+json"] is null) problems.Add($"{name}: no {status} problem");
            }
            if (operation["parameters"]?.AsArray().Any(p => p?["name"]?.GetValue<string>() == "X-Correlation-Id") != true)
                problems.Add($"{name}: X-Correlation-Id not declared");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));

        // The headers of optimistic concurrency and idempotency, where they apply.
        var replacePerson = document["paths"]!["/api/intake/persons/{id}"]!["put"]!;
        var ifMatch = replacePerson["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "If-Match")!;
        Assert.True(ifMatch["required"]!.GetValue<bool>());
        Assert.NotNull(replacePerson["responses"]!["412"]);
        Assert.NotNull(replacePerson["responses"]!["428"]);
        Assert.NotNull(document["paths"]!["/api/intake/persons/{id}"]!["get"]!["responses"]!["200"]!["headers"]!["ETag"]);
        var createPerson = document["paths"]!["/api/intake/persons"]!["post"]!;
        Assert.Contains(createPerson["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        Assert.DoesNotContain(createPerson["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-Match");
        // Code tables become enums; the gateway's own 開示請求 export is in the document.
        var channel = schemas.Select(s => s.Value?["properties"]?["channel"]).OfType<JsonObject>().First(c => c["enum"] is not null);
        Assert.Contains(channel["enum"]!.AsArray(), v => v!.GetValue<string>() == "counter");
        Assert.NotNull(document["paths"]!["/api/privacy/subjects/{personId}"]?["get"]);
        // Reports answer CSV, HTML and PDF besides JSON, and say which formats and encodings they take; forms print HTML or PDF.
        var report = document["paths"]!["/api/outreach/reports/targets"]!["get"]!;
        Assert.Equal(["application/json", "application/pdf", "text/csv", "text/html"],
            report["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        var format = report["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "format")!;
        Assert.Equal(["json", "csv", "html", "pdf"], format["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.NotNull(report["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "encoding")!["schema"]!["enum"]);
        var sheet = document["paths"]!["/api/intake/consultations/{id}/sheet"]!["get"]!;
        Assert.Equal(["application/pdf", "text/html"], sheet["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(document["paths"]!["/api/reports/annual"]!["get"]!["responses"]!["200"]!["content"]!["text/csv"]);
    }

    /// <summary>
    /// Redocly's recommended rules (tools/contract-checks/redocly.yaml: every finding an error) over the merged document:
    /// examples valid against their schemas, servers declared, no ambiguous paths … A regression fails here.
    /// </summary>
    [Fact]
    public async Task The_merged_document_passes_the_OpenAPI_lint()
    {
        var tool = Path.Combine(Repository.Root, "tools", "contract-checks");
        var redocly = Path.Combine(tool, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: ./jusou test installs it (npm ci in tools/contract-checks).");
        var file = Path.Combine(Path.GetTempPath(), $"jusou-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, (await MergedDocument()).ToJsonString());
        try
        {
            var lint = new System.Diagnostics.ProcessStartInfo(redocly, ["lint", file, "--config", Path.Combine(tool, "redocly.yaml"), "--format=stylish"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tool,
                Environment = { ["NODE_NO_WARNINGS"] = "1", ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
            };
            using var process = System.Diagnostics.Process.Start(lint)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"redocly lint found problems:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonNode> MergedDocument() => JsonNode.Parse(await system.MergedOpenApiText())!;

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => (obj["$ref"]?.GetValue<string>() is { } reference ? [reference] : Enumerable.Empty<string>())
            .Concat(obj.SelectMany(child => References(child.Value))),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static bool HasExample(JsonObject schema, JsonObject schemas)
    {
        if (schema["example"] is not null || schema["examples"] is not null) return true;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return schemas[reference.Split('/').Last()] is JsonObject target && HasExample(target, schemas);
        return false;
    }
}

public static class MergedOpenApiDocument
{
    /// <summary>The gateway's merged OpenAPI document, once it holds every service's operations.</summary>
    public static async Task<string> MergedOpenApiText(this SystemFixture system)
    {
        var gateway = system.AnonymousGateway();
        return await Eventually.Get(async () =>
        {
            using var response = await gateway.GetAsync("/openapi/v1.json");
            if (!response.IsSuccessStatusCode) return null;
            var text = await response.Content.ReadAsStringAsync();
            var paths = JsonNode.Parse(text)!["paths"]!.AsObject().Select(p => p.Key).ToList();
            return Jusou.AppHost.JusouServices.Names.All(s => paths.Any(p => p.StartsWith($"/api/{s}/", StringComparison.Ordinal))) ? text : null;
        }, TimeSpan.FromSeconds(60), "a merged OpenAPI document with all six services");
    }
}
