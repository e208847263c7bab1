using System.Threading.Channels;

namespace Jusou.ServiceKit.Messaging.Outbox;

/// <summary>
/// Wakes the relay the moment a transaction with events commits, so events leave in milliseconds rather than on
/// the next poll. Wakes coalesce: many commits while the relay is busy cost one more pass.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wakes.Writer.TryWrite(true);

    /// <summary>Waits for a wake, or until <paramref name="timeout"/> passes (the safety-net poll).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakes.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look anyway, for rows left by a crash or by another instance.
        }
    }
}
