using Jusou.Contracts.Outreach;

namespace Jusou.Intake.Consultations;

/// <summary>
/// A person Outreach connected enters the normal path: a consultation (from_agency, 相談経路 その他) that a worker
/// links to a person at the first meeting. One consultation per hand-off.
/// </summary>
public sealed class OutreachHandedOffConsumer(IntakeDbContext db, TimeProvider clock) : InboxConsumer<OutreachHandedOff, IntakeDbContext>(db)
{
    public const string Source = "outreach";

    protected override async Task HandleAsync(OutreachHandedOff handOff, CancellationToken cancellationToken)
    {
        if (await Db.Consultations.AnyAsync(c => c.Source == Source && c.SourceId == handOff.TargetId, cancellationToken)) return;

        var consultation = new Consultation
        {
            ReceivedAt = handOff.OccurredAt,
            Channel = "from_agency",
            ReferralRoute = "other",
            MainConcern = handOff.MainConcern,
            DistrictCode = handOff.DistrictCode,
            ConsentPath = handOff.ConsentRecorded ? "with_consent" : "without_consent",
            Source = Source,
            SourceId = handOff.TargetId,
            RecordedBy = "outreach-hand-off",
            RecordedAt = clock.GetUtcNow(),
        };
        consultation.ChangeStatus("open", consultation.RecordedBy, consultation.RecordedAt);
        Db.Consultations.Add(consultation);
    }
}
