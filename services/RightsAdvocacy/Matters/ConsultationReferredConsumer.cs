using Jusou.Contracts.Intake;

namespace Jusou.RightsAdvocacy.Matters;

/// <summary>A consultation Intake referred to 権利擁護 becomes a matter at 相談, one per consultation.</summary>
public sealed class ConsultationReferredConsumer(RightsAdvocacyDbContext db, TimeProvider clock)
    : InboxConsumer<ConsultationReferredToRightsAdvocacy, RightsAdvocacyDbContext>(db)
{
    public const string Source = "consultation";

    protected override async Task HandleAsync(ConsultationReferredToRightsAdvocacy referral, CancellationToken cancellationToken)
    {
        if (await Db.Matters.AnyAsync(m => m.Source == Source && m.SourceId == referral.ConsultationId, cancellationToken)) return;

        var now = clock.GetUtcNow();
        var matter = GuardianshipMatter.Open(JapanDate.Of(referral.OccurredAt), Source, referral.ConsultationId, null, "intake-referral", now);
        matter.PersonId = referral.PersonId;
        Db.Matters.Add(matter);
        Db.Publish(matter.Opened(now, referral.TenantCode));
    }
}
