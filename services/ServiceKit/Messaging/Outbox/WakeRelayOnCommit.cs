using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jusou.ServiceKit.Messaging.Outbox;

/// <summary>Events saved inside an explicit transaction become visible to the relay only when it commits.</summary>
internal sealed class WakeRelayOnCommit : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as ServiceDbContext)?.WakeRelayIfEventsCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ServiceDbContext)?.WakeRelayIfEventsCommitted();
}
