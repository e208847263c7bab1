using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Jusou.AppHost;

/// <summary>
/// Production: PostgreSQL and RabbitMQ are the operator's servers, not started here. The AppHost is given
/// ConnectionStrings:postgres (an Npgsql connection string without a database, multi-host for a primary and its
/// standby: <c>Host=db1:5432,db2:5432;Target Session Attributes=primary;Username=jusou;Password=…</c>) and
/// ConnectionStrings:messaging (one amqp:// URI per RabbitMQ node, separated by commas); each service gets its own
/// database on that server (ConnectionStrings:{service}db).
/// </summary>
public static class ExternalInfrastructure
{
    /// <summary>Jusou:Infrastructure=external, or always when the AppHost publishes (aspire publish / a manifest).</summary>
    public static bool IsExternal(IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode
        || (builder.Configuration["Jusou:Infrastructure"] ?? "local") switch
        {
            "local" => false,
            "external" => true,
            var other => throw new InvalidOperationException($"Jusou:Infrastructure must be local or external, not '{other}'."),
        };

    public static IResourceBuilder<IResourceWithConnectionString> AddExternalDatabase(this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> server, string name, string databaseName) =>
        builder.AddResource(new ExternalDatabaseResource(name, server.Resource, databaseName));

    private sealed class ExternalDatabaseResource(string name, ParameterResource server, string databaseName)
        : Resource(name), IResourceWithConnectionString
    {
        public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{server};Database={databaseName}");
    }
}
