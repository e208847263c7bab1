using Jusou.AppHost;
using Jusou.Tests.Integrators;
using k8s;
using k8s.Models;

namespace Jusou.Tests.Deploy;

/// <summary>
/// The Kubernetes manifests under deploy/k8s, checked offline (they have never been applied to a cluster): every
/// document is read strictly into the Kubernetes API's own types (KubernetesClient's models, generated from the
/// Kubernetes OpenAPI), so an unknown or misspelled field, or a value of the wrong type, fails; and they say what the
/// AppHost says — every service and the gateway with two replicas, probes on /health and /alive, memory sized, the
/// gateway's routes those of AppHost/JusouServices.cs.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "deploy", "k8s");

    private static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);

    private static readonly Lazy<List<object>> All = new(() =>
        Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file =>
        {
            try
            {
                return Load(File.ReadAllText(file));
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} is not valid Kubernetes: {exception.Message}", exception);
            }
        }).ToList());

    private static V1Deployment Deployment(string name) => Assert.Single(All.Value.OfType<V1Deployment>(), d => d.Metadata.Name == name);

    private static V1Service Service(string name) => Assert.Single(All.Value.OfType<V1Service>(), s => s.Metadata.Name == name);

    private static V1ConfigMap ConfigMap(string name) => Assert.Single(All.Value.OfType<V1ConfigMap>(), c => c.Metadata.Name == name);

    [Fact]
    public void Every_manifest_reads_strictly_as_Kubernetes_objects()
    {
        Assert.NotEmpty(All.Value);
        Assert.All(All.Value, o =>
        {
            var resource = Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o);
            Assert.False(string.IsNullOrEmpty(resource.Metadata?.Name), $"a {resource.Kind} without a name");
        });
        Assert.Equal(All.Value.Count, All.Value.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => (o.Kind, o.Metadata.Name)).Distinct().Count());
    }

    [Fact]
    public void The_check_refuses_a_misspelled_field_and_a_value_of_the_wrong_type()
    {
        const string misspelled = """
            apiVersion: v1
            kind: Service
            metadata: { name: x }
            spec: { selektor: { app: x } }
            """;
        const string wrongType = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: x }
            spec: { replicas: two }
            """;
        Assert.ThrowsAny<Exception>(() => Load(misspelled));
        Assert.ThrowsAny<Exception>(() => Load(wrongType));
    }

    public static TheoryData<string> Workloads() => new(JusouServices.Names.Append("gateway").Append("console"));

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Each_runs_as_a_Deployment_behind_a_Service_with_health_probes_and_sized_memory(string name)
    {
        var deployment = Deployment(name);
        var template = deployment.Spec.Template;
        Assert.Equal(name == "console" ? 1 : 2, deployment.Spec.Replicas);
        Assert.All(deployment.Spec.Selector.MatchLabels, label => Assert.Equal(label.Value, template.Metadata.Labels[label.Key]));
        Assert.Equal(deployment.Spec.Selector.MatchLabels, Service(name).Spec.Selector);

        var container = Assert.Single(template.Spec.Containers);
        Assert.False(string.IsNullOrEmpty(container.Image));
        Assert.Contains(container.Env, e => e is { Name: "ASPNETCORE_ENVIRONMENT", Value: "Production" });
        var port = Assert.Single(container.Ports);
        Assert.Equal("http", port.Name);
        Assert.Equal(port.ContainerPort, Service(name).Spec.Ports.Single().Port);
        // Ready when its dependencies answer; restarted only when the process itself does not.
        Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);

        // Sized from the benchmark's RSS figures (docs/performance.md, P6m): a service peaks at 183–241 MiB, the gateway at 152.
        var request = container.Resources.Requests["memory"].ToInt64();
        var limit = container.Resources.Limits["memory"].ToInt64();
        Assert.InRange(request, 150L << 20, 512L << 20);
        Assert.True(limit > request, $"{name}: the memory limit leaves no room above the request");
        Assert.True(container.Resources.Requests.ContainsKey("cpu"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_gets_its_database_on_the_given_server_and_the_broker_from_the_Secret_and_does_not_migrate(string name)
    {
        var env = Deployment(name).Spec.Template.Spec.Containers.Single().Env.ToDictionary(e => e.Name);
        Assert.Equal("$(JUSOU_POSTGRES);Database=" + name, env[$"ConnectionStrings__{name}db"].Value);
        Assert.Equal("postgres", env["JUSOU_POSTGRES"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("messaging", env["ConnectionStrings__messaging"].ValueFrom.SecretKeyRef.Key);
        Assert.Equal("false", env["Database__MigrateAtStartup"].Value);

        // The deployment step migrates it (Database:MigrateAtStartup=only), one database after another.
        var migrate = Assert.Single(All.Value.OfType<V1Job>()).Spec.Template.Spec.InitContainers.Single(c => c.Name == name);
        Assert.Contains(migrate.Env, e => e is { Name: "Database__MigrateAtStartup", Value: "only" });
        Assert.Equal(Deployment(name).Spec.Template.Spec.Containers.Single().Image, migrate.Image);
    }

    public static TheoryData<string> Services() => new(JusouServices.Names);

    [Fact]
    public void The_gateway_routes_exactly_as_the_AppHost_tells_it_and_finds_each_service_at_its_Service()
    {
        var data = ConfigMap("jusou-gateway").Data;
        foreach (var (key, value) in JusouServices.GatewayConfiguration())
        {
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            Assert.True(data.TryGetValue(name, out var given), $"the gateway's ConfigMap lacks {name}");
            Assert.Equal(value, given);
        }
        foreach (var service in JusouServices.Names)
        {
            Assert.Equal($"http://{service}:{Service(service).Spec.Ports.Single().Port}", data[$"services__{service}__http__0"]);
        }
        Assert.Equal("2", data["Gateway__RateLimit__Instances"]);
    }

    [Fact]
    public void PostgreSQL_and_RabbitMQ_are_the_operators_named_as_external_Services()
    {
        var external = All.Value.OfType<V1Service>().Where(s => s.Spec.Type == "ExternalName").Select(s => s.Metadata.Name).ToList();
        Assert.Equal(["postgres-1", "postgres-2", "rabbitmq-1", "rabbitmq-2", "rabbitmq-3"], external.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(All.Value.OfType<V1Deployment>(), d => d.Metadata.Name.Contains("postgres", StringComparison.Ordinal) || d.Metadata.Name.Contains("rabbit", StringComparison.Ordinal));
        var secret = Assert.Single(All.Value.OfType<V1Secret>());
        Assert.Contains("Target Session Attributes=primary", secret.StringData["postgres"], StringComparison.Ordinal);
        Assert.Equal(3, secret.StringData["messaging"].Split(',').Length);
    }
}
