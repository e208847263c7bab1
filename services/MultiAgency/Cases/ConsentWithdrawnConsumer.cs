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
        var cases = await Db.SupportCases.Include(c => c.Involvements).Include(c => c.TrackHistory)
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
            var alert = new WatchAlert
            {
                CaseId = supportCase.Id, Rule = WatchCodes.ConsentWithdrawn, Key = $"consent:{withdrawal.ConsentId:N}",
                DueOn = CaseRequests.DateInJapan(withdrawal.OccurredAt), RaisedAt = now,
            };
            Db.WatchAlerts.Add(alert);
            Db.Publish(new WatchAlertRaised(Guid.CreateVersion7(), now, withdrawal.TenantCode, alert.Id, supportCase.Id, alert.Rule, alert.DueOn));
            Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "watch_alert_raised", alert.Id, alert.Rule));
        }
    }
}
