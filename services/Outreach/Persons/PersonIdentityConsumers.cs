using Jusou.ServiceKit.Persons;

namespace Jusou.Outreach.Persons;

// Targets follow Intake's persons: a late link of the consultation a target was referred from or handed on to, and a
// reviewed merge of two records of one person, whatever the order they arrive in (see PersonIdentity).

public sealed class PersonsMergedConsumer(OutreachDbContext db) : PersonMergesConsumer<OutreachDbContext>(db);

public sealed class ConsultationLinkedConsumer(OutreachDbContext db) : ConsultationLinksConsumer<OutreachDbContext>(db);

/// <summary>A case this service opened a record for became a person's after the record was opened (SupportCaseLinkedToPerson).</summary>
public sealed class SupportCaseLinkedConsumer(OutreachDbContext db) : SupportCaseLinksConsumer<OutreachDbContext>(db);
