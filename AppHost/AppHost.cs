using Microsoft.Extensions.Configuration;
using Jusou.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
var topology = LocalInfrastructure.Topology(builder);
var external = ExternalInfrastructure.IsExternal(builder);

// Infrastructure. Locally (./jusou up, tests): the Debian PostgreSQL and RabbitMQ binaries run as executable resources,
// with their data in a git-ignored folder of this checkout (Jusou:DataDirectory), so no container engine is needed.
// Jusou:Topology=distributed (LocalInfrastructure.Topology) runs the production shape on this machine: a three-node
// RabbitMQ cluster, PostgreSQL with a streaming standby, and Jusou:Replicas (default 2) instances of every service
// and of the gateway. The default, single, is one of each: quick to start for development and most tests.
// In production (Jusou:Infrastructure=external, or publish mode) the servers are the operator's: ExternalInfrastructure.
IResourceBuilder<IResourceWithConnectionString> messaging;
Func<JusouService, IResourceBuilder<IResourceWithConnectionString>> database;
var waitFor = new List<IResourceBuilder<IResource>>();
IResourceBuilder<ParameterResource>? signingKey = null;
if (external)
{
    messaging = builder.AddConnectionString("messaging");
    var server = builder.AddParameterFromConfiguration("postgres", "ConnectionStrings:postgres", secret: true);
    database = service => builder.AddExternalDatabase(server, service.ConnectionName, service.Database);
}
else
{
    var dataDirectory = LocalInfrastructure.DataDirectory(builder);
    var postgres = builder.AddLocalPostgres("postgres", dataDirectory);
    waitFor.Add(postgres);
    if (topology.Distributed)
    {
        var standby = postgres.WithStandby(dataDirectory);
        postgres.WithRelationship(standby.Resource, "Standby");
        waitFor.Add(standby);
        var cluster = builder.AddLocalRabbitMQCluster("messaging", dataDirectory, size: 3);
        messaging = cluster.Cluster;
        waitFor.AddRange(cluster.Nodes);
    }
    else
    {
        var broker = builder.AddLocalRabbitMQ("messaging", dataDirectory);
        messaging = broker;
        waitFor.Add(broker);
    }
    database = service => postgres.AddDatabase(service.ConnectionName, service.Database);
    signingKey = builder.AddParameter("jwt-signing-key",
        builder.Configuration["Parameters:jwt-signing-key"] ?? LocalInfrastructure.Secret(dataDirectory, "jwt-signing-key"),
        secret: true);
}

// Services run in the AppHost's environment (Development for `./jusou up` and tests); outside Development they
// refuse the development signing key and need a real token authority: the AppHost's Auth:* settings pass through
// (Auth:Authority, Auth:Audience). So does Database:MigrateAtStartup (false in production: ./jusou migrate).
IResourceBuilder<ProjectResource> JusouProject(string name, AddJusouProject project)
{
    // Launched from the AppHost's own build, without building again (AppHost/PrebuiltProject.cs).
    var resource = project(builder, name)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName);
    if (signingKey is not null) resource.WithEnvironment("Auth__DevelopmentSigningKey", signingKey);
    foreach (var section in new[] { "Auth", "Database" })
    {
        foreach (var setting in builder.Configuration.GetSection(section).AsEnumerable().Where(s => s.Value is not null))
        {
            resource.WithEnvironment(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value);
        }
    }
    return resource;
}

// The six services (AppHost/JusouServices.cs), each with its own database, all on the bus.
var services = JusouServices.All.Select(service =>
{
    var project = JusouProject(service.Name, service.Add)
        // Unproxied when alone: while a service is down its port refuses at once, so the gateway answers 502 instead of
        // waiting. Replicas sit behind the AppHost's proxy, which spreads requests over them.
        .WithHttpEndpoint(isProxied: topology.Replicas > 1)
        .WithReplicas(topology.Replicas)
        .WithReference(database(service))
        .WithReference(messaging)
        .WithHttpHealthCheck("/health");
    foreach (var infrastructure in waitFor) project.WaitFor(infrastructure);
    if (signingKey is not null) project.WithRedriveErrorQueuesCommand(signingKey);
    return project;
}).ToList();

// The one door for departmental systems: http://localhost:5080 unless Jusou:GatewayPort says otherwise (0: any free port).
var gateway = JusouProject("gateway", PrebuiltProject.Of<Projects.Jusou_Gateway>())
    .WithHttpEndpoint(port: LocalInfrastructure.GatewayPort(builder))
    .WithReplicas(topology.Replicas)
    // Each instance keeps its own token buckets: with n instances behind one address each allows 1/n of the limit.
    .WithEnvironment("Gateway__RateLimit__Instances", topology.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();
if (signingKey is not null) gateway.WithLoadDemoDataCommand(signingKey);
// The gateway's own settings given to the AppHost pass through: Gateway:RateLimit:PermitsPerSecond and Burst,
// Gateway:Cors:AllowedOrigins:0, Gateway:TrustedProxies:0 …
foreach (var setting in builder.Configuration.GetSection("Gateway").AsEnumerable().Where(s => s.Value is not null))
{
    gateway.WithEnvironment(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value);
}
// The gateway's routes, clusters, health list and 開示請求 order come from the same list.
foreach (var (key, value) in JusouServices.GatewayConfiguration())
{
    gateway.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
}
foreach (var service in services)
{
    gateway.WithReference(service).WaitFor(service);
}

// 重層 console: the staff's web application (web/), a client of the gateway like any departmental system. In Development
// it mints the signed-in user's token with the same development key the services trust.
JusouProject("console", PrebuiltProject.Of<Projects.Jusou_Web>())
    .WithHttpEndpoint(port: LocalInfrastructure.ConsolePort(builder))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(gateway).WaitFor(gateway);

// Every project starts from its build output, not under `dotnet run` (AppHost/BuiltExecutables.cs).
builder.RunProjectsFromBuildOutput();

builder.Build().Run();
