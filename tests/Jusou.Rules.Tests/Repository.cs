namespace Jusou.Rules.Tests;

/// <summary>Where the repository is, for tests that compare generated files with checked-in ones.</summary>
public static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string from)
    {
        for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Jusou.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Jusou.sln above {from}");
    }
}
