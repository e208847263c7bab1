namespace Jusou.Benchmarks;

/// <summary>One row of the table: our figure against the baseline measured in the same run, and the target.</summary>
/// <param name="Ratio">Ours relative to the baseline, in the sense the target states (throughput ours/baseline, latency ours/baseline).</param>
/// <param name="Pass">Whether the target is met; null when the row is context only.</param>
public sealed record Measure(string Id, string What, string Ours, string Baseline, double? Ratio, string Target, bool? Pass, string Notes = "");
