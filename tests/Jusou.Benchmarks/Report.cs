using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jusou.Benchmarks;

/// <summary>The table, on the console and as docs/performance.md and docs/performance.json.</summary>
public static class Report
{
    public static void Print(IReadOnlyList<Measure> rows)
    {
        Console.WriteLine();
        Console.WriteLine($"{"#",-4} {"measure",-70} {"ours",-44} {"baseline",-40} {"ratio",7}  {"target",-30} result");
        foreach (var row in rows)
        {
            Console.WriteLine($"{row.Id,-4} {Cut(row.What, 70),-70} {Cut(row.Ours, 44),-44} {Cut(row.Baseline, 40),-40} {Ratio(row),7}  {Cut(row.Target, 30),-30} {Result(row)}");
        }
    }

    public static async Task WriteAsync(string repository, IReadOnlyList<Measure> rows, TimeSpan took)
    {
        var machine = Machine();
        var docs = Path.Combine(repository, "docs");
        Directory.CreateDirectory(docs);
        var json = JsonSerializer.Serialize(new { ranAt = DateTimeOffset.UtcNow, took = took.TotalSeconds, machine, rows },
            new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await File.WriteAllTextAsync(Path.Combine(docs, "performance.json"), json + "\n");

        var markdown = new StringBuilder()
            .AppendLine("# Performance: the latest benchmark run")
            .AppendLine()
            .AppendLine($"Produced by `./jusou bench` on {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC in {took.TotalMinutes:F1} min on {machine}.")
            .AppendLine("Every figure is compared with a baseline measured in the same run on the same machine (see architecture.md#performance-targets for the")
            .AppendLine("measures and targets). The load generator shares the machine's cores with the system under test.")
            .AppendLine()
            .AppendLine("| # | measure | ours | baseline | ratio | target | result |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            markdown.AppendLine($"| {row.Id} | {row.What} | {row.Ours} | {row.Baseline} | {Ratio(row)} | {row.Target} | {Result(row)}{(row.Notes.Length > 0 ? $" ({row.Notes})" : "")} |");
        }
        await File.WriteAllTextAsync(Path.Combine(docs, "performance.md"), markdown.ToString());
    }

    private static string Ratio(Measure row) => row.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "×" : "—";

    private static string Result(Measure row) => row.Pass switch { true => "pass", false => "FAIL", null => "—" };

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var commit = Run("git", "rev-parse --short HEAD");
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024} GiB, .NET {Environment.Version}, commit {commit}";
    }

    private static string Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }
}
