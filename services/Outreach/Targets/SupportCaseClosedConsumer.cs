using Jusou.Outreach.Codes;
using Jusou.Contracts.MultiAgency;

namespace Jusou.Outreach.Targets;

/// <summary>
/// 制度切れ safety net: when the MultiAgency case a target came from is closed, the target is NOT closed with it.
/// A person who was handed on (つなぎ) moves to 継続的見守り, and one with no planned contact gets one on the day the
/// case closed, so they appear on the overdue list unless someone decides when to see them next. Only outreach
/// closes a target.
/// </summary>
public sealed class SupportCaseClosedConsumer(OutreachDbContext db) : InboxConsumer<SupportCaseClosed, OutreachDbContext>(db)
{
    protected override async Task HandleAsync(SupportCaseClosed closed, CancellationToken cancellationToken)
    {
        var targets = await Db.Targets
            .Where(t => t.SupportCaseId == closed.CaseId && t.Stage != OutreachCodes.Stage.Closed && t.SupportCaseClosedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var target in targets)
        {
            target.SupportCaseClosedAt = closed.OccurredAt;
            if (target.Stage == OutreachCodes.Stage.Connecting) Db.Publish(target.MoveTo(OutreachCodes.Stage.Watching, null, closed.OccurredAt));
            target.NextContactOn ??= JapanDate.Of(closed.OccurredAt);
        }
    }
}
