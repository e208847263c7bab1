using Microsoft.Extensions.Hosting;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Puts a realistic example on each request and response schema of a service's OpenAPI document, so that the
/// reference page shows integrators what to send and what comes back.
/// </summary>
public static class OpenApiExamples
{
    public static OpenApiOptions AddExamples(this OpenApiOptions options, IReadOnlyDictionary<Type, object> examples)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.UseStrictJson(json);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            if (examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            {
                schema.Examples = [JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Type, json)!];
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
