using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Jusou.ServiceDefaults.Auth;
using Npgsql;

namespace Jusou.Benchmarks;

/// <summary>
/// P2: sustained consultation writes — POST /api/intake/consultations answered at once (助言・情報提供で終了): validation,
/// the consultation, its two status rows, two audit rows and the outbox row in one transaction — against pgbench
/// running the same INSERTs in one transaction with the same client count.
/// </summary>
public static partial class ConsultationWrite
{
    private const int Clients = 8;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    public static async Task<Measure> RunAsync(BenchSystem system)
    {
        using var intake = system.Client("479021", JusouRoles.IntakeWorker, direct: "intake");
        var ours = await Load.Closed(Clients, WarmUp, Duration, async () =>
        {
            using var response = await intake.PostAsJsonAsync("/api/intake/consultations", new
            {
                channel = "counter",
                mainConcern = "poverty",
                summary = "家計の相談。助言と情報提供で終了。",
                disposition = "advice_closed",
            });
            return response.StatusCode == HttpStatusCode.Created;
        });
        var pgbench = await PgBench(await system.ConnectionString("intakedb"));
        var ratio = ours.PerSecond / pgbench;
        return new Measure("P2", $"POST consultation (6 rows, 1 transaction) vs pgbench same INSERTs, {Clients} clients",
            ours.ToString(), $"{pgbench:F0} tps", ratio, "≥ 0.5× pgbench TPS", ratio >= 0.5);
    }

    // What the service writes for one consultation closed with advice, as one statement (one transaction, one round trip,
    // as EF Core batches them). Outbox rows are inserted as already sent, so the relay does not publish the baseline's rows.
    private const string Script = """
        WITH consultation AS (
            INSERT INTO consultations (id, tenant_code, received_at, channel, main_concern, secondary_concerns, summary, status, disposition, recorded_by, organisation_code, recorded_at)
            VALUES (gen_random_uuid(), '900012', now(), 'counter', 'poverty', '{}', '家計の相談。助言と情報提供で終了。', 'closed', 'advice_closed', 'bench', 'bench-org', now())
            RETURNING id),
        history AS (
            INSERT INTO consultation_status_changes (id, consultation_id, status, disposition, changed_by, changed_at)
            SELECT gen_random_uuid(), id, 'open', NULL, 'bench', now() FROM consultation
            UNION ALL SELECT gen_random_uuid(), id, 'closed', 'advice_closed', 'bench', now() FROM consultation),
        audit AS (
            INSERT INTO audit_entries (id, tenant_code, at, subject, role, organisation, action, record_type, record_id, purpose, rule, correlation_id)
            SELECT gen_random_uuid(), '900012', now(), 'bench', 'intake_worker', 'bench-org', action, 'consultation', id, 'case_work', 'role_in_tenant', '4bf92f3577b34da6a3ce929d0e0e4736'
            FROM consultation, (VALUES ('create'), ('close')) AS actions(action))
        INSERT INTO outbox_messages (id, tenant_code, event_type, payload, occurred_at, sent_at)
        SELECT gen_random_uuid(), '900012', 'Jusou.Contracts.Intake.ConsultationClosed',
               jsonb_build_object('EventId', gen_random_uuid(), 'OccurredAt', now(), 'TenantCode', '900012', 'ConsultationId', id, 'PersonId', NULL, 'Disposition', 'advice_closed'),
               now(), now()
        FROM consultation;
        """;

    private static async Task<double> PgBench(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var script = Path.Combine(Path.GetTempPath(), $"jusou-bench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var start = new ProcessStartInfo(Tools.Find("pgbench"),
                ["-n", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", ((int)Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment =
                {
                    ["PGHOST"] = connection.Host, ["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture),
                    ["PGUSER"] = connection.Username, ["PGPASSWORD"] = connection.Password, ["PGDATABASE"] = connection.Database,
                },
            };
            using var pgbench = Process.Start(start)!;
            var output = await pgbench.StandardOutput.ReadToEndAsync();
            var errors = await pgbench.StandardError.ReadToEndAsync();
            await pgbench.WaitForExitAsync();
            var tps = Tps().Match(output);
            if (pgbench.ExitCode != 0 || !tps.Success) throw new InvalidOperationException($"pgbench failed: {output}\n{errors}");
            return double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}

/// <summary>The Debian PostgreSQL binaries (pgbench) live in a versioned directory.</summary>
public static class Tools
{
    public static string Find(string name) =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", name)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{name} not found under /usr/lib/postgresql/*/bin (installed with postgresql by ./jusou).");
}
