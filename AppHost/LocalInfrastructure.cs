using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace Jusou.AppHost;

/// <summary>Where local infrastructure keeps its data and generated secrets, and which port the gateway takes.</summary>
public static class LocalInfrastructure
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>Jusou:DataDirectory, or .jusou/data in this checkout (git-ignored).</summary>
    public static string DataDirectory(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["Jusou:DataDirectory"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(builder.AppHostDirectory, "..", ".jusou", "data")
            : configured);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>Jusou:GatewayPort; 0 means any free port (tests), unset means 5080.</summary>
    public static int? GatewayPort(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<int?>("Jusou:GatewayPort") switch
        {
            null => DefaultGatewayPort,
            0 => null,
            var port => port,
        };

    public const int DefaultConsolePort = 5090;

    /// <summary>Jusou:ConsolePort; 0 means any free port (tests), unset means 5090.</summary>
    public static int? ConsolePort(IDistributedApplicationBuilder builder) =>
        builder.Configuration.GetValue<int?>("Jusou:ConsolePort") switch
        {
            null => DefaultConsolePort,
            0 => null,
            var port => port,
        };

    /// <summary>
    /// A random secret kept beside the data it protects (mode 600), created on first use. The PostgreSQL password
    /// and the data directory therefore always match, and no secret is ever committed.
    /// </summary>
    public static string Secret(string dataDirectory, string name)
    {
        var path = Path.Combine(dataDirectory, "secrets", name);
        if (File.Exists(path)) return File.ReadAllText(path).Trim();

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    internal static string Script(IDistributedApplicationBuilder builder, string name) =>
        Path.Combine(builder.AppHostDirectory, "infra", name);
}
