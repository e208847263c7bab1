using Microsoft.Extensions.Configuration;
using Jusou.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: the Debian PostgreSQL and RabbitMQ binaries run as executable resources, with their data in a
// git-ignored folder of this checkout (Jusou:DataDirectory), so no container engine is needed.
var dataDirectory = LocalInfrastructure.DataDirectory(builder);
var postgres = builder.AddLocalPostgres("postgres", dataDirectory);
var messaging = builder.AddLocalRabbitMQ("messaging", dataDirectory);
var signingKey = builder.AddParameter("jwt-signing-key",
    builder.Configuration["Parameters:jwt-signing-key"] ?? LocalInfrastructure.Secret(dataDirectory, "jwt-signing-key"),
    secret: true);

// Services run in the AppHost's environment (Development for `./jusou up` and tests); outside Development they
// refuse the development signing key and need a real token authority (Auth__Authority).
IResourceBuilder<ProjectResource> JusouProject(string name, IProjectMetadata project) =>
    builder.AddProject(name, project.ProjectPath, launchProfileName: null)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("Auth__DevelopmentSigningKey", signingKey);

// The six services (AppHost/JusouServices.cs), each with its own database, all on the bus.
var services = JusouServices.All.Select(service =>
    JusouProject(service.Name, service.Metadata)
        // Unproxied: while a service is down its port refuses at once, so the gateway answers 502 instead of waiting.
        .WithHttpEndpoint(isProxied: false)
        .WithReference(postgres.AddDatabase(service.ConnectionName, service.Database)).WaitFor(postgres)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health")
        .WithRedriveErrorQueuesCommand(signingKey)).ToList();

// The one door for departmental systems: http://localhost:5080 unless Jusou:GatewayPort says otherwise (0: any free port).
var gateway = JusouProject("gateway", new Projects.Jusou_Gateway())
    .WithHttpEndpoint(port: LocalInfrastructure.GatewayPort(builder))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithLoadDemoDataCommand(signingKey);
// The gateway's own settings given to the AppHost pass through: Gateway:RateLimit:PermitsPerSecond and Burst,
// Gateway:Cors:AllowedOrigins:0 …
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
JusouProject("console", new Projects.Jusou_Web())
    .WithHttpEndpoint(port: LocalInfrastructure.ConsolePort(builder))
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(gateway).WaitFor(gateway);

// Every project starts from its build output, not under `dotnet run` (AppHost/BuiltExecutables.cs).
builder.RunProjectsFromBuildOutput();

builder.Build().Run();
