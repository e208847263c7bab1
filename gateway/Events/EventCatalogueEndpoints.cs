using System.Text;

namespace Jusou.Gateway.Events;

/// <summary>
/// Serves the event catalogue to integrators at /events/asyncapi.json and /events/schemas/{Event}.json (anonymous:
/// it describes shapes, never data), and writes it under docs/events for the repository (`events --out docs/events`).
/// </summary>
public static class EventCatalogueEndpoints
{
    public static void MapEventCatalogue(this WebApplication app)
    {
        var files = EventCatalogue.Files();
        var events = app.MapGroup("/events").AllowAnonymous().ExcludeFromDescription();
        events.MapGet("/asyncapi.json", () => Results.Text(files["asyncapi.json"], "application/json", Encoding.UTF8));
        events.MapGet("/schemas/{name}.json", (string name) =>
            files.TryGetValue($"schemas/{name}.json", out var schema)
                ? Results.Text(schema, "application/schema+json", Encoding.UTF8)
                : Results.Problem(statusCode: 404, title: "No such event", detail: $"The catalogue has no event named '{name}'."));
    }

    /// <summary>`Jusou.Gateway events --out docs/events`: write the catalogue files (run by `./jusou event-catalogue`).</summary>
    public static int Write(string[] args)
    {
        var output = args is ["--out", var directory] ? directory : "docs/events";
        foreach (var (name, text) in EventCatalogue.Files())
        {
            var path = Path.Combine(output, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        Console.WriteLine($"events: wrote {EventCatalogue.Events.Count} event schemas and asyncapi.json to {output}");
        return 0;
    }
}
