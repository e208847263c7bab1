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
IResourceBuilder<ProjectResource> JusouProject<TProject>(string name) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
        .WithEnvironment("Auth__DevelopmentSigningKey", signingKey);

// The six services, each with its own database, all on the bus.
IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    JusouProject<TProject>(name)
        // Unproxied: while a service is down its port refuses at once, so the gateway answers 502 instead of waiting.
        .WithHttpEndpoint(isProxied: false)
        .WithReference(postgres.AddDatabase($"{database}db", database)).WaitFor(postgres)
        .WithReference(messaging).WaitFor(messaging)
        .WithHttpHealthCheck("/health")
        .WithRedriveErrorQueuesCommand(signingKey);

var intake = Service<Projects.Jusou_Intake>("intake", "intake");
var multiAgency = Service<Projects.Jusou_MultiAgency>("multiagency", "multiagency");
var participation = Service<Projects.Jusou_Participation>("participation", "participation");
var outreach = Service<Projects.Jusou_Outreach>("outreach", "outreach");
var community = Service<Projects.Jusou_CommunityResources>("community", "community");
var rights = Service<Projects.Jusou_RightsAdvocacy>("rights", "rights");

// The one door for departmental systems: http://localhost:5080 unless Jusou:GatewayPort says otherwise (0: any free port).
var gateway = JusouProject<Projects.Jusou_Gateway>("gateway")
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
foreach (var service in new[] { intake, multiAgency, participation, outreach, community, rights })
{
    gateway.WithReference(service).WaitFor(service);
}

builder.Build().Run();
