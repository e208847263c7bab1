namespace Jusou.Tests.Infrastructure;

/// <summary>
/// The production shape on this machine, for the tests that take parts of it down: a three-node RabbitMQ cluster
/// (messaging-1 … messaging-3) with quorum queues, PostgreSQL with a synchronous streaming standby (postgres,
/// postgres-standby), and two instances of every service and of the gateway. Started once for its collection, after
/// the single-shape system of the other tests has stopped (collections run one after the other).
/// </summary>
public sealed class DistributedSystemFixture : SystemFixture
{
    /// <summary>The whole system's limit; each of the two gateway instances allows half of it.</summary>
    public const int PermitsPerSecond = 20;
    public const int Burst = 40;

    /// <summary>Three broker nodes, two database servers and fourteen service processes: twice the single shape's work.</summary>
    protected override TimeSpan StartTimeout => TimeSpan.FromMinutes(8);

    protected override bool KeepsResourceLogs => true;

    protected override IEnumerable<string> AppHostArguments =>
    [
        "--Jusou:Topology=distributed",
        "--Jusou:Replicas=2",
        $"--Gateway:RateLimit:PermitsPerSecond={PermitsPerSecond}",
        $"--Gateway:RateLimit:Burst={Burst}",
    ];
}

[CollectionDefinition(Name)]
public sealed class DistributedSystemCollection : ICollectionFixture<DistributedSystemFixture>
{
    public const string Name = "distributed system";
}
