namespace Jusou.Tests.Infrastructure;

/// <summary>Waits for something that happens asynchronously (an event crossing the bus), with a bound.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static async Task True(Func<Task<bool>> probe, TimeSpan timeout, string what) =>
        await Get(async () => await probe() ? "done" : null, timeout, what);
}
