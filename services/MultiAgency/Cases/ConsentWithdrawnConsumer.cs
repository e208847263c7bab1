using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.Messaging.Inbox;
using Jusou.MultiAgency.Watch;
using Microsoft.EntityFrameworkCore;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// The person withdrew a consent in Intake and none of theirs is left in force: each of their open cases shared on
/// consent stops being shared (<see cref="SupportCase.StopSharingAfterConsentWithdrawn"/>), the track change is announced
/// like any other, and an alert tells the coordinator, who decides with the 支援会議 what happens next.
/// </summary>
public sealed class ConsentWithdrawnConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : InboxConsumer<ConsentWithdrawn, MultiAgencyDbContext>(db)
{
    public const string By = "intake";

    protected override async Task HandleAsync(ConsentWithdrawn withdrawal, CancellationToken cancellationToken)
    {
        if (withdrawal.StillConsented) return;
        var cases = await Db.SupportCases.Include(c => c.Involvements)
            .Where(c => c.PersonId == withdrawal.PersonId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var supportCase in cases)
        {
            if (!supportCase.StopSharingAfterConsentWithdrawn(By, withdrawal.OccurredAt, CaseRequests.DateInJapan(withdrawal.OccurredAt))) continue;
            Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, withdrawal.OccurredAt, "intake", "track_changed", withdrawal.ConsentId,
                SupportCaseCodes.SupportMeetingTrack));
            Db.Publish(new SupportCaseTrackChanged(Guid.CreateVersion7(), now, withdrawal.TenantCode, supportCase.Id,
                SupportCaseCodes.ConsentedTrack, SupportCaseCodes.SupportMeetingTrack));

            // One alert per withdrawn consent and case: a redelivery or a rescan raises nothing new.
            if (await WatchAlert.RaiseAsync(Db, supportCase.Id, WatchCodes.ConsentWithdrawn, $"consent:{withdrawal.ConsentId:N}",
                    CaseRequests.DateInJapan(withdrawal.OccurredAt), now, cancellationToken) is { } alertId)
            {
                Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "watch_alert_raised", alertId, WatchCodes.ConsentWithdrawn));
            }
        }
    }
}
