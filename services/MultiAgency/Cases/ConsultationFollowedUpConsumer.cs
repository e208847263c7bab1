using Jusou.Contracts.Intake;

namespace Jusou.MultiAgency.Cases;

/// <summary>A 継続相談 at Intake on a consultation that became a case shows on the case's timeline.</summary>
public sealed class ConsultationFollowedUpConsumer(MultiAgencyDbContext db)
    : InboxConsumer<ConsultationFollowedUp, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(ConsultationFollowedUp followUp, CancellationToken cancellationToken)
    {
        var supportCase = await Db.SupportCases.FirstOrDefaultAsync(c => c.ConsultationId == followUp.ConsultationId, cancellationToken);
        if (supportCase is null) return; // a consultation never referred to 多機関協働
        if (await Db.CaseTimeline.AnyAsync(e => e.SourceEventId == followUp.EventId, cancellationToken)) return;
        Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, followUp.OccurredAt, "intake", "consultation_followed_up",
            followUp.ConsultationId, followUp.Channel, followUp.EventId));
    }
}
