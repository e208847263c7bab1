using System.Diagnostics.Metrics;

namespace Jusou.Intake.Consultations;

/// <summary>Consultations received, by channel and tenant: the 相談受付件数 indicator, live in the dashboard.</summary>
public static class ConsultationMetrics
{
    private static readonly Counter<long> Received =
        JusouTelemetry.Meter.CreateCounter<long>("jusou.consultations.received", "{consultation}", "Consultations received (相談受付件数)");

    public static void Record(Consultation consultation) =>
        Received.Add(1, new("channel", consultation.Channel), new("tenant", consultation.TenantCode));
}
