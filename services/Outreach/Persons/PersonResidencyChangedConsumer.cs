using Jusou.Outreach.Codes;
using Jusou.Contracts.Intake;
using Jusou.ServiceKit.Persons;

namespace Jusou.Outreach.Persons;

/// <summary>
/// The 住民基本台帳 says the person moved out (転出) or died (死亡): each of their open targets is flagged with it and
/// put on the overdue list from the day of the change, so a worker decides what follows. Only outreach closes a target.
/// </summary>
public sealed class PersonResidencyChangedConsumer(OutreachDbContext db) : InboxConsumer<PersonResidencyChanged, OutreachDbContext>(db)
{
    protected override async Task HandleAsync(PersonResidencyChanged changed, CancellationToken cancellationToken)
    {
        await PersonIdentity.HoldOffLearningAsync(Db, cancellationToken);
        var personId = await PersonIdentity.SurvivorAsync(Db, changed.PersonId, cancellationToken);
        var targets = await Db.Targets.Where(t => t.PersonId == personId && t.Stage != OutreachCodes.Stage.Closed).ToListAsync(cancellationToken);
        foreach (var target in targets)
        {
            target.ResidentStatus = changed.ChangeCode;
            target.ResidentStatusOn = changed.EffectiveOn;
            if (target.NextContactOn is not { } planned || planned > changed.EffectiveOn) target.NextContactOn = changed.EffectiveOn;
        }
    }
}
