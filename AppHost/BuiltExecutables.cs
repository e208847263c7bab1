using System.Reflection;

namespace Jusou.AppHost;

/// <summary>
/// Starts Jusou's projects from their build output instead of through <c>dotnet run</c>.
/// </summary>
/// <remarks>
/// Aspire's default launch of a project is <c>dotnet run --project … --configuration …</c>: one SDK process per
/// service (~150 MiB resident each, for the whole life of the service) that first evaluates and incrementally builds
/// the project again — seven MSBuild runs at once on a small machine, most of the start-up time (docs/performance-notes.md,
/// P6). Building the AppHost has already built every project it references, in the AppHost's configuration, so the
/// executable in each project's bin folder is current; DCP starts it directly when the resource carries an
/// <see cref="ExecutableAnnotation"/>. The resource stays a project resource: endpoints, references, environment, health
/// checks and the dashboard are unchanged. The working directory is still the project's, as under <c>dotnet run</c>.
/// An IDE debugging session (DEBUG_SESSION_PORT) keeps Aspire's own launch, and so does a project not built yet.
/// </remarks>
public static class BuiltExecutables
{
    public static IDistributedApplicationBuilder RunProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])) return builder;
        var configuration = typeof(BuiltExecutables).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                if (project.Annotations.OfType<ExecutableAnnotation>().Any()) continue;
                var projectPath = project.GetProjectMetadata().ProjectPath;
                var directory = Path.GetDirectoryName(projectPath)!;
                // The SDK's default output path (Directory.Build.props sets the one target framework for every project).
                var executable = Path.Combine(directory, "bin", configuration, "net10.0", Path.GetFileNameWithoutExtension(projectPath));
                if (!File.Exists(executable)) continue;
                project.Annotations.Add(new ExecutableAnnotation { Command = executable, WorkingDirectory = directory });
            }
            return Task.CompletedTask;
        });
        return builder;
    }
}
