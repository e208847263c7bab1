using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Jusou.ServiceDefaults;

/// <summary>Names of Jusou's own ActivitySource and Meter, so the dashboard shows our spans and counters.</summary>
public static class JusouTelemetry
{
    public const string ActivitySourceName = "Jusou";
    public const string MeterName = "Jusou";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
