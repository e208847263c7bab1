using System.Text;

namespace Jusou.Tools.Events;

/// <summary>`events --out docs/events`: writes the catalogue files (run by `./jusou event-catalogue`).</summary>
public static class EventCatalogueCommand
{
    public static int Run(string[] args)
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
