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

    /// <summary>The key of the whole system's PSS among the peaks.</summary>
    public const string SystemKey = "system";

    private readonly Dictionary<string, long> _peak = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    /// <summary>RSS in MiB of each Jusou process now (or, with <paramref name="proportional"/>, its PSS from smaps_rollup).</summary>
    public static Dictionary<string, double> Now(bool proportional = false)
    {
        var rss = new Dictionary<string, double>();
        foreach (var directory in Directory.GetDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var executable = Path.GetFileName(File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0')[0]);
                if (!Processes.Contains(executable)) continue;
                var line = proportional
                    ? File.ReadLines(Path.Combine(directory, "smaps_rollup")).First(l => l.StartsWith("Pss:", StringComparison.Ordinal))
                    : File.ReadLines(Path.Combine(directory, "status")).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                rss[executable] = Math.Max(rss.GetValueOrDefault(executable), kib / 1024.0);
            }
            catch (IOException) { } // the process ended while we looked
        }
        return rss;
    }

    /// <summary>
    /// The whole system's memory in MiB: the proportional set size (PSS: PostgreSQL's shared buffers and the shared
    /// libraries count once, not once per process) of every process started for it — six services, gateway, console,
    /// PostgreSQL, RabbitMQ and Aspire's orchestrator (DCP, which runs apart from us but names our process as the one it
    /// watches) — and not of this process, which is the load generator and hosts the AppHost.
    /// </summary>
    public static double SystemMiB()
    {
        var self = Environment.ProcessId;
        var parent = new Dictionary<int, int>();
        var roots = new HashSet<int>();
        foreach (var directory in Directory.GetDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])))
        {
            try
            {
                var pid = int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                parent[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                if (arguments.Contains("--monitor") && arguments.SkipWhile(a => a != "--monitor").Skip(1).FirstOrDefault() == self.ToString(CultureInfo.InvariantCulture)) roots.Add(pid);
            }
            catch (IOException) { } // the process ended while we looked
        }
        var system = new HashSet<int>(roots);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, ppid) in parent)
            {
                if ((ppid == self || system.Contains(ppid)) && system.Add(pid)) grew = true;
            }
        }
        double kib = 0;
        foreach (var pid in system)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
                if (line is not null) kib += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return kib / 1024;
    }

    /// <summary>Samples every half second until disposed, keeping each process's peak (and the whole system's, every two seconds).</summary>
    public void StartSampling() => _sampling = Task.Run(async () =>
    {
        for (var sample = 0; !_stop.IsCancellationRequested; sample++)
        {
            foreach (var (process, mib) in Now())
            {
                lock (_peak) _peak[process] = Math.Max(_peak.GetValueOrDefault(process), (long)mib);
            }
            if (sample % 4 == 0)
            {
                var system = (long)SystemMiB();
                lock (_peak) _peak[SystemKey] = Math.Max(_peak.GetValueOrDefault(SystemKey), system);
            }
            await Task.Delay(500, _stop.Token).ContinueWith(_ => { });
        }
    });

    public IReadOnlyDictionary<string, long> Peak { get { lock (_peak) return new Dictionary<string, long>(_peak); } }

    public static IReadOnlyList<Measure> Rows(BenchSystem system, IReadOnlyDictionary<string, double> idle, IReadOnlyDictionary<string, double> idlePss,
        double idleSystemMib, IReadOnlyDictionary<string, long> peak)
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
                "≤ 150 MB per service (idle)", idleMib > 0 && idleMib * 1.048576 <= 150,
                idlePss.TryGetValue(process, out var pss) ? $"PSS idle {pss:F0} MiB: the shared runtime counted once across the processes" : ""));
        }
        rows.Add(new Measure("P6Σ", "PSS of the whole system (services, gateway, console, PostgreSQL, RabbitMQ, orchestrator): idle / peak under load",
            $"{idleSystemMib:F0} MiB / {peak.GetValueOrDefault(SystemKey)} MiB", "—", null, "— (context)", null));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
    }
}
