namespace Jusou.Rules.Tests.Kit;

/// <summary>docs/events is what services/Contracts generates (no system needed: the catalogue is made from the types).</summary>
public sealed class EventCatalogueFilesTests
{
    [Fact]
    public async Task The_checked_in_catalogue_is_what_the_contracts_generate()
    {
        var docs = Path.Combine(Repository.Root, "docs", "events");
        var generated = Jusou.Tools.Events.EventCatalogue.Files();
        var checkedIn = Directory.GetFiles(docs, "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(docs, file).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal).ToArray(), checkedIn);
        foreach (var (name, text) in generated)
        {
            Assert.True(text == await File.ReadAllTextAsync(Path.Combine(docs, name)),
                $"docs/events/{name} differs from what services/Contracts generates: run ./jusou event-catalogue and commit docs/events.");
        }
    }
}
