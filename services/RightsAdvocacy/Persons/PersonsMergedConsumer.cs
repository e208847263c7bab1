using Jusou.ServiceKit.Persons;

namespace Jusou.RightsAdvocacy.Persons;

// Matters and 日常生活自立支援 contracts follow Intake's persons: a late link of the consultation a matter was referred
// from, and a reviewed merge of two records of one person, whatever the order they arrive in (see PersonIdentity).

public sealed class PersonsMergedConsumer(RightsAdvocacyDbContext db) : PersonMergesConsumer<RightsAdvocacyDbContext>(db);

public sealed class ConsultationLinkedConsumer(RightsAdvocacyDbContext db) : ConsultationLinksConsumer<RightsAdvocacyDbContext>(db);

/// <summary>A case this service opened a record for became a person's after the record was opened (SupportCaseLinkedToPerson).</summary>
public sealed class SupportCaseLinkedConsumer(RightsAdvocacyDbContext db) : SupportCaseLinksConsumer<RightsAdvocacyDbContext>(db);
