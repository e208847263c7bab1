using Jusou.ServiceKit.Persons;

namespace Jusou.Participation.Persons;

// Participation requests follow Intake's persons: a late link of the consultation a request was referred from, and a
// reviewed merge of two records of one person, whatever the order they arrive in (see PersonIdentity).

public sealed class PersonsMergedConsumer(ParticipationDbContext db) : PersonMergesConsumer<ParticipationDbContext>(db);

public sealed class ConsultationLinkedConsumer(ParticipationDbContext db) : ConsultationLinksConsumer<ParticipationDbContext>(db);

/// <summary>A case this service opened a record for became a person's after the record was opened (SupportCaseLinkedToPerson).</summary>
public sealed class SupportCaseLinkedConsumer(ParticipationDbContext db) : SupportCaseLinksConsumer<ParticipationDbContext>(db);
