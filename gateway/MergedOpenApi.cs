using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Jusou.Gateway;

/// <summary>
/// One OpenAPI document for the whole API at /openapi/v1.json, merged from each service's own document (fetched
/// through service discovery, like proxied traffic), and a Scalar reference page over it at /scalar.
/// </summary>
public static class MergedOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";

    public static void MapMergedOpenApi(this WebApplication app)
    {
        app.MapGet(DocumentPath, async (IHttpClientFactory clients, GatewayServices services,
            [FromKeyedServices("v1")] IOpenApiDocumentProvider gatewayDocument, CancellationToken cancellationToken) =>
        {
            var merged = new JsonObject
            {
                ["openapi"] = "3.1.1",
                ["info"] = new JsonObject
                {
                    ["title"] = "Jusou (重層) API",
                    ["version"] = "v1",
                    ["description"] = "重層的支援体制整備事業のケース連携 API. Every call needs a bearer JWT with a tenant (全国地方公共団体コード) and a role.",
                },
                // Every path is the gateway's: relative to wherever this document was fetched from.
                ["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "The gateway that serves this document." }),
                ["paths"] = new JsonObject(),
                ["components"] = new JsonObject { ["schemas"] = new JsonObject(), ["securitySchemes"] = new JsonObject() },
            };
            var documents = new List<(RoutedService Service, JsonObject Document)>();
            foreach (var service in services.All)
            {
                using var response = await clients.CreateClient($"service-{service.Name}").GetAsync($"/api/{service.Name}/openapi/v1.json", cancellationToken);
                if (!response.IsSuccessStatusCode) continue; // a service that is down is simply missing until it is back
                documents.Add((service, JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject()));
            }
            // The gateway's own operations, as a service of its own.
            using (var text = new StringWriter())
            {
                (await gatewayDocument.GetOpenApiDocumentAsync(cancellationToken)).SerializeAsV31(new OpenApiJsonWriter(text));
                documents.Insert(0, (new RoutedService("gateway", "Gateway", 0), JsonNode.Parse(text.ToString())!.AsObject()));
            }
            MakeSchemaNamesUnique(documents);
            MakeOperationIdsUnique(documents);
            foreach (var (_, document) in documents)
            {
                Merge(document["paths"], merged["paths"]!.AsObject());
                Merge(document["components"]?["schemas"], merged["components"]!["schemas"]!.AsObject());
                Merge(document["components"]?["securitySchemes"], merged["components"]!["securitySchemes"]!.AsObject());
                merged["security"] ??= document["security"]?.DeepClone();
            }
            return Results.Json(merged);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapScalarApiReference("/scalar", options => options
            .WithTitle("Jusou API")
            // Nothing from a CDN: the page works inside a closed network (LGWAN). The script is served by the gateway;
            // the default fonts would come from Scalar's CDN, so the browser's own are used.
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern(DocumentPath)).AllowAnonymous();
    }

    /// <summary>
    /// Services name their schemas independently, so one name can mean two shapes (MultiAgency's StatusChangeResponse is
    /// not Intake's). A name whose schemas differ between services becomes the service's display name plus the name in
    /// every service using it (IntakeStatusChangeResponse, MultiAgencyStatusChangeResponse), with their $refs; a name
    /// every service means the same by (ProblemDetails) is kept. Repeated until stable: a rename changes the schemas
    /// that refer to it.
    /// </summary>
    private static void MakeSchemaNamesUnique(List<(RoutedService Service, JsonObject Document)> documents)
    {
        for (var round = 0; round < 10; round++)
        {
            var colliding = documents
                .SelectMany(d => (d.Document["components"]?["schemas"] as JsonObject ?? []).Select(s => (Name: s.Key, Json: s.Value?.ToJsonString())))
                .GroupBy(s => s.Name)
                .Where(g => g.Select(s => s.Json).Distinct().Count() > 1)
                .Select(g => g.Key)
                .ToHashSet();
            if (colliding.Count == 0) return;
            foreach (var (service, document) in documents)
            {
                if (document["components"]?["schemas"] is not JsonObject schemas) continue;
                var renames = schemas.Select(s => s.Key).Where(colliding.Contains).ToDictionary(name => name, name => service.DisplayName + name);
                if (renames.Count == 0) continue;
                foreach (var (from, to) in renames)
                {
                    var schema = schemas[from];
                    schemas.Remove(from);
                    schemas[to] = schema;
                }
                RewriteReferences(document, renames.ToDictionary(r => $"#/components/schemas/{r.Key}", r => $"#/components/schemas/{r.Value}"));
            }
        }
    }

    private static void RewriteReferences(JsonNode? node, Dictionary<string, string> renames)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"]?.GetValue<string>() is { } reference && renames.TryGetValue(reference, out var renamed)) obj["$ref"] = renamed;
                foreach (var (_, child) in obj.ToList()) RewriteReferences(child, renames);
                break;
            case JsonArray array:
                foreach (var child in array) RewriteReferences(child, renames);
                break;
        }
    }

    /// <summary>
    /// The operations the service kit gives every service (its error queues, retention, register …) carry one
    /// operationId in each; in the merged document such an id gets the service's display name in front (IntakeListErrorQueues),
    /// so every operationId is unique, as generators require.
    /// </summary>
    private static void MakeOperationIdsUnique(List<(RoutedService Service, JsonObject Document)> documents)
    {
        IEnumerable<(RoutedService Service, JsonObject Operation)> Operations() =>
            documents.SelectMany(d => (d.Document["paths"] as JsonObject ?? [])
                .SelectMany(path => path.Value as JsonObject ?? [])
                .Select(operation => operation.Value)
                .OfType<JsonObject>()
                .Where(operation => operation["operationId"] is not null)
                .Select(operation => (d.Service, operation)));
        var shared = Operations().GroupBy(o => o.Operation["operationId"]!.GetValue<string>()).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var (service, operation) in Operations().ToList())
        {
            var id = operation["operationId"]!.GetValue<string>();
            if (shared.Contains(id)) operation["operationId"] = service.DisplayName + id;
        }
    }

    // Paths never collide (each service owns /api/<service>/), and schema names no longer do.
    private static void Merge(JsonNode? from, JsonObject into)
    {
        if (from is not JsonObject entries) return;
        foreach (var (name, value) in entries.ToList())
        {
            if (!into.ContainsKey(name)) into[name] = value?.DeepClone();
        }
    }
}
