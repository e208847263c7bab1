using Npgsql;

namespace Jusou.ServiceDefaults;

/// <summary>
/// Failures that go away by themselves: the database restarting, a connection dropped, a serialization clash, no
/// primary among a multi-host connection string's servers for a moment (a failover).
/// </summary>
public static class Transient
{
    /// <summary>Npgsql's message when a multi-host data source has no host it may use now (NpgsqlMultiHostDataSource).</summary>
    private const string NoSuitableHost = "No suitable host was found.";

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException) return true;
            // The server going away under a failover: the connection closed (class 08), the primary shutting down or a
            // server still recovering (57P01–57P03), or a write reaching the standby just before it is promoted (25006).
            if (e is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal)
                || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.ReadOnlySqlTransaction)) return true;
            // A connection found broken when it was next used.
            if (e is NpgsqlException && e.Message.Contains("broken", StringComparison.OrdinalIgnoreCase)) return true;
            if (e is NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException }) return true;
            // "Unable to connect to a suitable host": every host of a multi-host connection string failed, each for its reason.
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
            // "No suitable host was found", with no inner exception: Npgsql tried no host, because it remembers each one's
            // role for Host Recheck Seconds (default 10) — the old primary offline, the new one still a standby in its
            // memory for up to that long after the promotion. Npgsql gives it no error code, only this message.
            if (e is NpgsqlException { InnerException: null, Message: NoSuitableHost }) return true;
        }
        return false;
    }
}
