namespace Jusou.AppHost;

/// <summary>Adds one of Jusou's projects to the AppHost as a resource named <c>name</c>.</summary>
public delegate IResourceBuilder<ProjectResource> AddJusouProject(IDistributedApplicationBuilder builder, string name);

/// <summary>
/// Jusou's projects are launched from the build the AppHost's own build has made (./jusou up, ./jusou production and
/// dotnet test all build it first): dotnet run --no-build. Otherwise every launch and every restart runs MSBuild again,
/// and the replicas of one project build it at the same moment into the same obj/ folder. Aspire reads this from the
/// project's metadata (SuppressBuild), which must be given when the resource is added: it may not be replaced later.
/// Where the build output exists, <see cref="BuiltExecutables"/> goes further and starts the executable itself; this
/// stays the launch for an IDE's debugging session. (Two mechanisms for one idea: one of them should go.)
/// </summary>
public static class PrebuiltProject
{
    public static AddJusouProject Of<TProject>() where TProject : IProjectMetadata, new() => (builder, name) =>
        builder.ExecutionContext.IsRunMode
            ? builder.AddProject<PrebuiltProject<TProject>>(name, launchProfileName: null)
            // A published manifest describes the project itself; whoever deploys it builds it.
            : builder.AddProject<TProject>(name, launchProfileName: null);
}

/// <summary><typeparamref name="TProject"/>'s metadata, launched without building it again.</summary>
public sealed class PrebuiltProject<TProject> : IProjectMetadata where TProject : IProjectMetadata, new()
{
    private static readonly string Path = new TProject().ProjectPath;

    public string ProjectPath => Path;

    public bool SuppressBuild => true;
}
