using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Jusou.Benchmarks;

/// <summary>A referral-shaped message that only the baseline consumes (no Jusou service subscribes to it).</summary>
public sealed record BenchReferral(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode, Guid ConsultationId, Guid? PersonId, string? MainConcern,
    string SharingRule, string? ReferralRoute, string? HouseholdType, string? DistrictCode);

/// <summary>
/// The baselines of P3 and P4: MassTransit publishing and consuming the same shape of message on the same RabbitMQ,
/// default settings, in one process, with no database and no outbox.
/// </summary>
public sealed class RawBus : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<double> _latenciesMs = new();
    private long _received;

    private RawBus(Uri broker)
    {
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker);
            rabbit.ReceiveEndpoint($"bench-raw-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<BenchReferral>(context =>
                {
                    _latenciesMs.Enqueue((DateTimeOffset.UtcNow - context.Message.OccurredAt).TotalMilliseconds);
                    Interlocked.Increment(ref _received);
                    return Task.CompletedTask;
                });
            });
        });
    }

    public static async Task<RawBus> StartAsync(Uri broker)
    {
        var raw = new RawBus(broker);
        await raw._bus.StartAsync();
        return raw;
    }

    /// <summary>P3 baseline: publish→consume latency at a fixed rate.</summary>
    public async Task<LoadResult> LatencyAt(double perSecond, int count)
    {
        Reset();
        var (offered, failed) = await Load.Paced(count, perSecond, async _ => { await _bus.Publish(Referral()); return true; });
        await WaitFor(count, TimeSpan.FromSeconds(60));
        return Load.Summarise(_latenciesMs.ToArray(), offered, failed);
    }

    /// <summary>P4 baseline: publish <paramref name="count"/> messages as fast as confirms allow; messages consumed per second.</summary>
    public async Task<double> Throughput(int count)
    {
        Reset();
        var clock = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(100))
        {
            await Task.WhenAll(chunk.Select(_ => _bus.Publish(Referral())));
        }
        await WaitFor(count, TimeSpan.FromSeconds(120));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static BenchReferral Referral() => new(Guid.CreateVersion7(), DateTimeOffset.UtcNow, "479993", Guid.CreateVersion7(), null,
        "social_isolation", "support_meeting", "marugoto_counsellor", "other", null);

    private void Reset()
    {
        _latenciesMs.Clear();
        Interlocked.Exchange(ref _received, 0);
    }

    private async Task WaitFor(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Interlocked.Read(ref _received) < count)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"raw bus: {Interlocked.Read(ref _received)} of {count} consumed");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();
}
