namespace Jusou.AppHost;

/// <summary>
/// A project whose build output is already there: Aspire launches it without building it again (IProjectMetadata's
/// SuppressBuild). It replaces AddProject's own metadata: a project resource carries exactly one.
/// </summary>
public sealed class PrebuiltProject(string projectPath) : IProjectMetadata
{
    public string ProjectPath => projectPath;

    public bool SuppressBuild => true;
}
