using Jusou.Contracts.Intake;
using Jusou.ServiceKit.Persons;
using Jusou.MultiAgency.Cases;

namespace Jusou.MultiAgency.Watch;

/// <summary>
/// The 住民基本台帳 says the person moved out (転出) or died (死亡): an alert on each of their open cases and a line on
/// its timeline, so the coordinator decides what follows (a hand-over to the new municipality, 終結). Nothing is closed
/// here: a register can be wrong, and closing is a coordinator's decision.
/// </summary>
public sealed class PersonResidencyChangedConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : InboxConsumer<PersonResidencyChanged, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(PersonResidencyChanged changed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await PersonIdentity.HoldOffLearningAsync(Db, cancellationToken);
        var personId = await PersonIdentity.SurvivorAsync(Db, changed.PersonId, cancellationToken);
        var rule = changed.ChangeCode == "died" ? WatchCodes.ResidentDied : WatchCodes.ResidentMovedOut;
        var openCases = await Db.SupportCases.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Status != SupportCaseCodes.Closed)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        foreach (var caseId in openCases)
        {
            // One alert per change and day, however often the import or the event is repeated.
            var raised = await WatchAlert.RaiseAsync(Db, caseId, rule, $"{changed.ChangeCode}:{changed.EffectiveOn:yyyy-MM-dd}",
                changed.EffectiveOn, now, cancellationToken);
            if (raised is null) continue;
            Db.CaseTimeline.Add(new CaseTimelineEntry
            {
                CaseId = caseId, At = changed.OccurredAt, Source = "intake", Kind = $"resident_{changed.ChangeCode}", RecordId = raised,
            });
        }
    }
}
