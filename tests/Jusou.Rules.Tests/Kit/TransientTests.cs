using System.Net;
using System.Net.Sockets;
using Jusou.ServiceDefaults;
using Npgsql;

namespace Jusou.Rules.Tests.Kit;

// What the services answer 503 with Retry-After for (and what their consumers wait out) instead of a 500.
public class TransientTests
{
    /// <summary>
    /// The exceptions Npgsql itself throws for a multi-host connection string while no host can be used, as during a
    /// failover: made here against two loopback ports nobody listens on (nothing is started), so an Npgsql upgrade that
    /// changed them would fail this test rather than turn the failover's 503s back into 500s.
    /// </summary>
    [Fact]
    public async Task A_multi_host_data_source_with_no_usable_host_is_transient_at_the_first_try_and_while_it_remembers()
    {
        var connectionString = $"Host=127.0.0.1:{ClosedPort()},127.0.0.1:{ClosedPort()};Username=u;Password=p;Target Session Attributes=primary;Timeout=2";
        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).BuildMultiHost();

        // The first try reaches each host and fails ("Unable to connect to a suitable host", the reasons inside) …
        var first = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        Assert.IsType<AggregateException>(first.InnerException);
        Assert.True(Transient.Is(first));
        // … and for Host Recheck Seconds after it Npgsql tries no host at all: "No suitable host was found", nothing inside.
        var remembered = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        Assert.Null(remembered.InnerException);
        Assert.True(Transient.Is(remembered));
        // EF Core hands it on wrapped ("likely due to a transient failure"), as it did during the failover test.
        Assert.True(Transient.Is(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", remembered)));
    }

    [Fact]
    public void Failover_errors_of_the_server_are_transient()
    {
        Assert.True(Transient.Is(Server(PostgresErrorCodes.AdminShutdown)));
        Assert.True(Transient.Is(Server(PostgresErrorCodes.CannotConnectNow)));
        Assert.True(Transient.Is(Server(PostgresErrorCodes.ReadOnlySqlTransaction)));
        Assert.True(Transient.Is(Server(PostgresErrorCodes.ConnectionFailure)));
    }

    [Fact]
    public void Other_database_errors_are_not()
    {
        Assert.False(Transient.Is(Server(PostgresErrorCodes.UniqueViolation)));
        Assert.False(Transient.Is(Server(PostgresErrorCodes.UndefinedTable)));
        Assert.False(Transient.Is(new NpgsqlException("Some other failure.")));
        Assert.False(Transient.Is(new InvalidOperationException("A bug.")));
    }

    private static PostgresException Server(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    /// <summary>A loopback port that was free a moment ago, so nothing answers on it.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
