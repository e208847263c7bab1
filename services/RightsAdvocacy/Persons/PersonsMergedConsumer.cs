using Jusou.Contracts.Intake;
using Jusou.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.RightsAdvocacy.Persons;

/// <summary>
/// Intake merged two records of one person after review: the merged id now means the survivor, so matters and
/// contracts follow, and a search by the survivor finds them all.
/// </summary>
public sealed class PersonsMergedConsumer(RightsAdvocacyDbContext db) : InboxConsumer<PersonsMerged, RightsAdvocacyDbContext>(db)
{
    protected override async Task HandleAsync(PersonsMerged merge, CancellationToken cancellationToken)
    {
        // Runs in the consumer's transaction, confined to the event's tenant by the query filters.
        await Db.Matters.Where(m => m.PersonId == merge.MergedPersonId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.PersonId, merge.SurvivorPersonId), cancellationToken);
        await Db.DailyLifeSupportContracts.Where(c => c.PersonId == merge.MergedPersonId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.PersonId, merge.SurvivorPersonId), cancellationToken);
    }
}
