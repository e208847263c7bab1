using System.Diagnostics;
using Jusou.Benchmarks;

// Jusou's benchmark: P1–P6 of docs/architecture.md#performance-targets, each against a baseline measured in this run on this machine.
// Run with `./jusou bench` (Release build); it starts the real AppHost itself and stops it at the end.
var clock = Stopwatch.StartNew();
var repository = Option("--repository") ?? Directory.GetCurrentDirectory();
// `--only P3,P4` runs just those measurements and writes nothing (for profiling one of them, tools/profiling/).
var only = Option("--only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var rows = new List<Measure>();

Console.WriteLine("bench: starting the system (AppHost, PostgreSQL, RabbitMQ, six services, gateway) …");
await using var system = await BenchSystem.StartAsync();
Console.WriteLine($"bench: healthy after {system.StartToHealthy.TotalSeconds:F1} s; letting it settle");
await Task.Delay(TimeSpan.FromSeconds(5));
var idle = Footprint.Now();
var idlePss = Footprint.Now(proportional: true);
var idleSystem = Footprint.SystemMiB();

await using var footprint = new Footprint();
footprint.StartSampling();
await using var raw = await RawBus.StartAsync(new Uri(await system.ConnectionString("messaging")));

async Task Run(string name, Func<Task<IEnumerable<Measure>>> measure)
{
    if (only is not null && !only.Contains(name[..2])) return;
    Console.WriteLine($"bench: {name} …");
    try
    {
        var measured = (await measure()).ToList();
        rows.AddRange(measured);
        foreach (var row in measured) Console.WriteLine($"bench:   {row.Id} ours {row.Ours} | baseline {row.Baseline}");
    }
    catch (Exception exception)
    {
        rows.Add(new Measure(name[..2], name, "error", "—", null, "—", false, exception.Message));
        Console.WriteLine($"bench:   {name} failed: {exception}");
    }
}

await Run("P1 gateway overhead", async () => await GatewayOverhead.RunAsync(system));
await Run("P2 consultation writes", async () => [await ConsultationWrite.RunAsync(system)]);
await Run("P3 referral latency", async () => [await Referrals.LatencyAsync(system, raw)]);
await Run("P4 referral throughput", async () => [await Referrals.ThroughputAsync(system, raw)]);
await Run("P5 case-conference report", async () => [await CaseConferenceReport.RunAsync(system)]);
if (only is not null)
{
    Report.Print(rows);
    return rows.All(r => r.Pass != false) ? 0 : 1;
}
rows.AddRange(Footprint.Rows(system, idle, idlePss, idleSystem, footprint.Peak));

Report.Print(rows);
await Report.WriteAsync(repository, rows, clock.Elapsed);
Console.WriteLine($"\nbench: done in {clock.Elapsed.TotalMinutes:F1} min; wrote docs/performance.md and docs/performance.json");
return rows.All(r => r.Pass != false) ? 0 : 1;
