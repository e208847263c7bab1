using System.Text.Json.Nodes;
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
        app.MapGet(DocumentPath, async (IHttpClientFactory clients, GatewayServices services, CancellationToken cancellationToken) =>
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
                ["paths"] = new JsonObject(),
                ["components"] = new JsonObject { ["schemas"] = new JsonObject(), ["securitySchemes"] = new JsonObject() },
            };
            foreach (var service in services.Names)
            {
                using var response = await clients.CreateClient($"service-{service}").GetAsync($"/api/{service}/openapi/v1.json", cancellationToken);
                if (!response.IsSuccessStatusCode) continue; // a service that is down is simply missing until it is back
                var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
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

    // Paths never collide (each service owns /api/<service>/); shared schemas such as ProblemDetails are identical,
    // so the first copy is kept.
    private static void Merge(JsonNode? from, JsonObject into)
    {
        if (from is not JsonObject entries) return;
        foreach (var (name, value) in entries.ToList())
        {
            if (!into.ContainsKey(name)) into[name] = value?.DeepClone();
        }
    }
}
