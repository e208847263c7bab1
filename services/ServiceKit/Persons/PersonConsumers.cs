using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceKit.Messaging.Inbox;

namespace Jusou.ServiceKit.Persons;

/// <summary>What a link or a merge changed here: the person the records now name, and the records re-pointed.</summary>
/// <param name="Kind">person_linked or persons_merged.</param>
public sealed record PersonChange(string Kind, Guid EventId, DateTimeOffset At, Guid PersonId, IReadOnlyList<RepointedRecord> Records)
{
    public const string Linked = "person_linked";
    public const string Merged = "persons_merged";
}

/// <summary>
/// Follows Intake's links of consultations to persons (see <see cref="PersonIdentity"/>). A service subclasses it once, to
/// register it; <see cref="OnRepointedAsync"/> adds what the service keeps beyond the person id (a timeline line …).
/// </summary>
public abstract class ConsultationLinksConsumer<TDb>(TDb db) : InboxConsumer<ConsultationLinkedToPerson, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override async Task HandleAsync(ConsultationLinkedToPerson link, CancellationToken cancellationToken)
    {
        Guid[] linked = link.OutreachTargetId is { } target ? [link.ConsultationId, target] : [link.ConsultationId];
        var records = await PersonIdentity.LearnLinkAsync(Db, linked, link.PersonId, link.OccurredAt, cancellationToken);
        var person = await PersonIdentity.SurvivorAsync(Db, link.PersonId, cancellationToken);
        await OnRepointedAsync(new PersonChange(PersonChange.Linked, link.EventId, link.OccurredAt, person, records), cancellationToken);
    }

    protected virtual Task OnRepointedAsync(PersonChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Follows MultiAgency's late links of support cases to persons: a record opened for a case (its SupportCaseId, listed
/// among the record's link properties) names the case's person from now on. Subclassed like <see cref="ConsultationLinksConsumer{TDb}"/>.
/// </summary>
public abstract class SupportCaseLinksConsumer<TDb>(TDb db) : InboxConsumer<SupportCaseLinkedToPerson, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override Task HandleAsync(SupportCaseLinkedToPerson link, CancellationToken cancellationToken) =>
        PersonIdentity.LearnLinkAsync(Db, [link.CaseId], link.PersonId, link.OccurredAt, cancellationToken);
}

/// <summary>Follows Intake's reviewed merges of person records (see <see cref="PersonIdentity"/>); subclassed like <see cref="ConsultationLinksConsumer{TDb}"/>.</summary>
public abstract class PersonMergesConsumer<TDb>(TDb db) : InboxConsumer<PersonsMerged, TDb>(db)
    where TDb : ServiceDbContext
{
    protected override async Task HandleAsync(PersonsMerged merge, CancellationToken cancellationToken)
    {
        var records = await PersonIdentity.LearnMergeAsync(Db, merge.MergedPersonId, merge.SurvivorPersonId, merge.OccurredAt, cancellationToken);
        var survivor = await PersonIdentity.SurvivorAsync(Db, merge.SurvivorPersonId, cancellationToken);
        await OnRepointedAsync(merge, new PersonChange(PersonChange.Merged, merge.EventId, merge.OccurredAt, survivor, records), cancellationToken);
    }

    protected virtual Task OnRepointedAsync(PersonsMerged merge, PersonChange change, CancellationToken cancellationToken) => Task.CompletedTask;
}
