using System.Text;

namespace Jusou.Gateway.Events;

/// <summary>
/// Serves the event catalogue to integrators at /events/asyncapi.json and /events/schemas/{Event}.json (anonymous:
/// it describes shapes, never data): the files checked in under docs/events (written by `./jusou event-catalogue` from
/// services/Contracts), copied beside the gateway when it is built.
/// </summary>
public static class EventCatalogueEndpoints
{
    public static void MapEventCatalogue(this WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "events");
        var asyncApi = File.ReadAllText(Path.Combine(folder, "asyncapi.json"), Encoding.UTF8);
        var schemas = Directory.GetFiles(Path.Combine(folder, "schemas"), "*.json")
            .ToDictionary(file => Path.GetFileNameWithoutExtension(file), file => File.ReadAllText(file, Encoding.UTF8), StringComparer.Ordinal);

        var events = app.MapGroup("/events").AllowAnonymous().ExcludeFromDescription();
        events.MapGet("/asyncapi.json", () => Results.Text(asyncApi, "application/json", Encoding.UTF8));
        events.MapGet("/schemas/{name}.json", (string name) =>
            schemas.TryGetValue(name, out var schema)
                ? Results.Text(schema, "application/schema+json", Encoding.UTF8)
                : Results.Problem(statusCode: 404, title: "No such event", detail: $"The catalogue has no event named '{name}'."));
    }
}
