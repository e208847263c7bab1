namespace Jusou.AppHost;

/// <summary>
/// A project whose build output is already there: Aspire launches it without building it again (IProjectMetadata's
/// SuppressBuild). Added after AddProject's own metadata, it is the one Aspire reads (the last annotation of its type).
/// </summary>
public sealed class PrebuiltProject(string projectPath) : IProjectMetadata
{
    public string ProjectPath => projectPath;

    public bool SuppressBuild => true;
}
