using System.Diagnostics;

namespace Jusou.Benchmarks;

/// <summary>What a load run saw: calls that succeeded per second and their latency percentiles.</summary>
public sealed record LoadResult(double PerSecond, double P50Ms, double P99Ms, long Ok, long Failed)
{
    public override string ToString() => $"{PerSecond:F0}/s, p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms ({Ok} ok, {Failed} failed)";
}

/// <summary>Load generators on loopback, bounded in time: closed loop (N callers back to back) and open loop (a fixed rate).</summary>
public static class Load
{
    /// <summary><paramref name="concurrency"/> callers call back to back for <paramref name="duration"/>, after a warm-up.</summary>
    public static async Task<LoadResult> Closed(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<Task<bool>> call)
    {
        await RunFor(concurrency, warmUp, call, latencies: null);
        var latencies = new List<double>[concurrency];
        var failed = new long[concurrency];
        var clock = Stopwatch.StartNew();
        await RunFor(concurrency, duration, call, latencies, failed);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return Summarise(all, all.Length / elapsed, failed.Sum());
    }

    private static Task RunFor(int concurrency, TimeSpan duration, Func<Task<bool>> call, List<double>[]? latencies, long[]? failed = null)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>();
            if (latencies is not null) latencies[worker] = mine;
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await call(); } catch (HttpRequestException) { ok = false; } catch (TaskCanceledException) { ok = false; }
                if (ok) mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else if (failed is not null) failed[worker]++;
            }
        }));
    }

    /// <summary>Starts <paramref name="count"/> calls at <paramref name="perSecond"/>, whatever the answers' speed (open loop).</summary>
    public static async Task<(double OfferedPerSecond, long Failed)> Paced(int count, double perSecond, Func<int, Task<bool>> call)
    {
        var clock = Stopwatch.StartNew();
        var calls = new List<Task<bool>>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var index = i;
            calls.Add(Task.Run(async () => { try { return await call(index); } catch (HttpRequestException) { return false; } }));
        }
        var offered = count / clock.Elapsed.TotalSeconds;
        var results = await Task.WhenAll(calls);
        return (offered, results.LongCount(ok => !ok));
    }

    public static LoadResult Summarise(IReadOnlyCollection<double> latenciesMs, double perSecond, long failed)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LoadResult(perSecond, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length, failed);
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
