using Jusou.Contracts.Intake;
using Jusou.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Participation.Persons;

/// <summary>
/// Intake merged two records of one person after review: the merged id now means the survivor, so the person's
/// participation requests follow.
/// </summary>
public sealed class PersonsMergedConsumer(ParticipationDbContext db) : InboxConsumer<PersonsMerged, ParticipationDbContext>(db)
{
    protected override async Task HandleAsync(PersonsMerged merge, CancellationToken cancellationToken) =>
        // Runs in the consumer's transaction, confined to the event's tenant by the query filters.
        await Db.Requests.Where(r => r.PersonId == merge.MergedPersonId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.PersonId, merge.SurvivorPersonId), cancellationToken);
}
