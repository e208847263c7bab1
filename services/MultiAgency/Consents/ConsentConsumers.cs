using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.ServiceKit.Persons;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Watch;

namespace Jusou.MultiAgency.Consents;

/// <summary>Intake recorded a consent: MultiAgency keeps its scope (ids and codes) to check the consented track against.</summary>
public sealed class ConsentRecordedConsumer(MultiAgencyDbContext db) : InboxConsumer<ConsentRecorded, MultiAgencyDbContext>(db)
{
    protected override async Task HandleAsync(ConsentRecorded recorded, CancellationToken cancellationToken)
    {
        var consent = await Db.RecordedConsents.FirstOrDefaultAsync(c => c.Id == recorded.ConsentId, cancellationToken);
        if (consent is null)
        {
            consent = new RecordedConsent { Id = recorded.ConsentId };
            Db.RecordedConsents.Add(consent);
        }
        // A withdrawal that came first stays: the row only gains the scope.
        consent.PersonId = recorded.PersonId;
        consent.OrganisationCodes = recorded.OrganisationCodes.Distinct().ToList();
        consent.PurposeCodes = recorded.PurposeCodes.Distinct().ToList();
        consent.RecordedAt = recorded.OccurredAt;
    }
}

/// <summary>
/// The person withdrew a consent in Intake. Each of their open cases on the consented track that what is left of their
/// consents no longer covers (<see cref="ConsentRule.ToShare"/>) stops being shared
/// (<see cref="SupportCase.StopSharingAfterConsentWithdrawn"/>): the track change is announced like any other, and an
/// alert tells the coordinator, who decides with the 支援会議 what happens next.
/// </summary>
public sealed class ConsentWithdrawnConsumer(MultiAgencyDbContext db, TimeProvider clock)
    : InboxConsumer<ConsentWithdrawn, MultiAgencyDbContext>(db)
{
    public const string By = "intake";

    protected override async Task HandleAsync(ConsentWithdrawn withdrawal, CancellationToken cancellationToken)
    {
        var consent = await Db.RecordedConsents.FirstOrDefaultAsync(c => c.Id == withdrawal.ConsentId, cancellationToken);
        if (consent is null)
        {
            // Withdrawn before MultiAgency heard of it: remember the withdrawal, so the consent never counts.
            consent = new RecordedConsent { Id = withdrawal.ConsentId, PersonId = withdrawal.PersonId };
            Db.RecordedConsents.Add(consent);
        }
        consent.WithdrawnAt ??= withdrawal.OccurredAt;

        var person = await PersonIdentity.SurvivorAsync(Db, withdrawal.PersonId, cancellationToken);
        // The withdrawal is not saved yet: what is in force apart from it.
        var remaining = (await RecordedConsent.InForceAsync(Db, person, cancellationToken)).Where(c => c.Id != withdrawal.ConsentId).ToList();
        var cases = await Db.SupportCases.Include(c => c.Involvements)
            .Where(c => c.PersonId == person && c.Track == SupportCaseCodes.ConsentedTrack && c.Status != SupportCaseCodes.Closed)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var supportCase in cases)
        {
            if (ConsentRule.ToShare(person, supportCase.SharedWith(), remaining) is null) continue;
            if (!supportCase.StopSharingAfterConsentWithdrawn(By, withdrawal.OccurredAt, JapanDate.Of(withdrawal.OccurredAt))) continue;
            await ActionHandOffs.WithdrawAllAsync(Db, supportCase, SupportCaseCodes.ConsentWithdrawn, By, withdrawal.OccurredAt, cancellationToken);
            Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, withdrawal.OccurredAt, "intake", "track_changed", withdrawal.ConsentId,
                SupportCaseCodes.SupportMeetingTrack));
            Db.Publish(new SupportCaseTrackChanged(Guid.CreateVersion7(), now, withdrawal.TenantCode, supportCase.Id,
                SupportCaseCodes.ConsentedTrack, SupportCaseCodes.SupportMeetingTrack));

            // One alert per withdrawn consent and case: a redelivery or a rescan raises nothing new.
            if (await WatchAlert.RaiseAsync(Db, supportCase.Id, WatchCodes.ConsentWithdrawn, $"consent:{withdrawal.ConsentId:N}",
                    JapanDate.Of(withdrawal.OccurredAt), now, cancellationToken) is { } alertId)
            {
                Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "watch_alert_raised", alertId, WatchCodes.ConsentWithdrawn));
            }
        }
    }
}
