using System.Globalization;

namespace Jusou.Benchmarks;

/// <summary>
/// P6: resident memory of each service process, idle after start-up and at its peak under the benchmark's load,
/// read from /proc (the processes the AppHost started from this checkout's build output).
/// </summary>
public sealed class Footprint : IAsyncDisposable
{
    private static readonly string[] Processes =
        ["Jusou.Intake", "Jusou.MultiAgency", "Jusou.Participation", "Jusou.Outreach", "Jusou.CommunityResources", "Jusou.RightsAdvocacy", "Jusou.Gateway"];

    private readonly Dictionary<string, long> _peak = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    /// <summary>RSS in MiB of each Jusou process now.</summary>
    public static Dictionary<string, double> Now()
    {
        var rss = new Dictionary<string, double>();
        foreach (var directory in Directory.GetDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var executable = Path.GetFileName(File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0')[0]);
                if (!Processes.Contains(executable)) continue;
                var line = File.ReadLines(Path.Combine(directory, "status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                rss[executable] = Math.Max(rss.GetValueOrDefault(executable), kib / 1024.0);
            }
            catch (IOException) { } // the process ended while we looked
        }
        return rss;
    }

    /// <summary>Samples every half second until disposed, keeping each process's peak.</summary>
    public void StartSampling() => _sampling = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (process, mib) in Now())
            {
                lock (_peak) _peak[process] = Math.Max(_peak.GetValueOrDefault(process), (long)mib);
            }
            await Task.Delay(500, _stop.Token).ContinueWith(_ => { });
        }
    });

    public IReadOnlyDictionary<string, long> Peak { get { lock (_peak) return new Dictionary<string, long>(_peak); } }

    public static IReadOnlyList<Measure> Rows(BenchSystem system, IReadOnlyDictionary<string, double> idle, IReadOnlyDictionary<string, long> peak)
    {
        var rows = new List<Measure>
        {
            new("P6s", "AppHost start → all services and gateway healthy", $"{system.StartToHealthy.TotalSeconds:F1} s", "—", null,
                "≤ 30 s", system.StartToHealthy.TotalSeconds <= 30),
        };
        foreach (var process in Processes)
        {
            var idleMib = idle.GetValueOrDefault(process);
            rows.Add(new Measure("P6m", $"RSS {process[6..]}: idle / peak under load", $"{idleMib:F0} MiB / {peak.GetValueOrDefault(process)} MiB", "—", null,
                "≤ 150 MB per service (idle)", idleMib > 0 && idleMib * 1.048576 <= 150));
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
    }
}
