using Npgsql;

namespace Jusou.ServiceDefaults;

/// <summary>
/// Failures that go away by themselves: the database restarting, a connection dropped, a serialization clash, no
/// primary among a multi-host connection string's servers for a moment (a failover).
/// </summary>
public static class Transient
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException) return true;
            if (e is NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException }) return true;
            // "No suitable host was found": every host of a multi-host connection string failed, each for its reason.
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }
}
