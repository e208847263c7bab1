using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.Outreach;
using Jusou.Contracts.Participation;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.MultiAgency.HandOffs;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// What another service reports about work for a support case becomes a line of the case's timeline, and moves the
/// case's last activity on (the 制度切れ watch reads it for "no contact for N days"). One generic consumer, closed once
/// per event type (<see cref="CaseActivity.Consumers"/>); MassTransit names each queue after the event, e.g.
/// multiagency-outreach-contact-attempted.
/// </summary>
public sealed class CaseActivityConsumer<TEvent>(MultiAgencyDbContext db) : InboxConsumer<TEvent, MultiAgencyDbContext>(db)
    where TEvent : class, ISupportCaseActivity
{
    protected override async Task HandleAsync(TEvent activity, CancellationToken cancellationToken)
    {
        // Work not done for a case, or for a case this tenant does not have (the tenant filter is on), is not ours to show.
        if (activity.SupportCaseId is not { } caseId) return;
        var supportCase = await Db.SupportCases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (supportCase is null) return;
        // The inbox already makes a redelivery a no-op; the unique index on the source event guards the same in the database.
        if (await Db.CaseTimeline.AnyAsync(e => e.SourceEventId == activity.EventId, cancellationToken)) return;

        var line = CaseActivity.Describe(activity);
        Db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, activity.OccurredAt, line.Source, line.Kind, line.RecordId, line.Detail, activity.EventId));
        // A request, target or matter opened for a plan action answers the action's hand-off; its end ends the action.
        await ActionHandOffs.ReportedByServiceAsync(Db, supportCase, activity, cancellationToken);
    }
}

/// <summary>How each reported activity reads on the timeline: source service, kind, a detail code, and the record in the source.</summary>
public static class CaseActivity
{
    public sealed record Line(string Source, string Kind, string? Detail, Guid? RecordId);

    /// <summary>The consumer of every ISupportCaseActivity event MultiAgency shows, for AddMessaging.</summary>
    public static readonly Type[] Consumers =
    [
        typeof(CaseActivityConsumer<OutreachTargetOpened>),
        typeof(CaseActivityConsumer<OutreachContactAttempted>),
        typeof(CaseActivityConsumer<OutreachTargetStageChanged>),
        typeof(CaseActivityConsumer<OutreachReportedToSupportCase>),
        typeof(CaseActivityConsumer<OutreachTargetWithdrawn>),
        typeof(CaseActivityConsumer<ParticipationRequestWithdrawn>),
        typeof(CaseActivityConsumer<GuardianshipMatterWithdrawn>),
        typeof(CaseActivityConsumer<ParticipationRequestOpened>),
        typeof(CaseActivityConsumer<PlacementStageChanged>),
        typeof(CaseActivityConsumer<PlacementCheckedIn>),
        typeof(CaseActivityConsumer<GuardianshipMatterOpened>),
        typeof(CaseActivityConsumer<GuardianshipStageChanged>),
        typeof(CaseActivityConsumer<DailyLifeSupportContractChanged>),
    ];

    public static Line Describe(ISupportCaseActivity activity) => activity switch
    {
        OutreachTargetOpened e => new("outreach", "outreach_target_opened", e.RiskLevel, e.TargetId),
        OutreachContactAttempted e => new("outreach", "outreach_contact_attempted", e.Outcome, e.TargetId),
        OutreachTargetStageChanged e => new("outreach", "outreach_stage_changed", e.Stage, e.TargetId),
        OutreachReportedToSupportCase e => new("outreach", "outreach_reported_to_case", e.ConsentRecorded ? "consent" : null, e.TargetId),
        OutreachTargetWithdrawn e => new("outreach", "outreach_target_withdrawn", e.Kept ? "kept" : "cancelled", e.TargetId),
        ParticipationRequestWithdrawn e => new("participation", "participation_request_withdrawn", e.Kept ? "kept" : "cancelled", e.RequestId),
        GuardianshipMatterWithdrawn e => new("rights", "guardianship_matter_withdrawn", e.Kept ? "kept" : "cancelled", e.MatterId),
        ParticipationRequestOpened e => new("participation", "participation_request_opened", null, e.RequestId),
        PlacementStageChanged e => new("participation", "placement_stage_changed", e.EndReason is null ? e.Stage : $"{e.Stage}:{e.EndReason}", e.PlacementId),
        PlacementCheckedIn e => new("participation", "placement_checked_in", null, e.PlacementId),
        GuardianshipMatterOpened e => new("rights", "guardianship_matter_opened", e.Type, e.MatterId),
        GuardianshipStageChanged e => new("rights", "guardianship_stage_changed", e.Stage, e.MatterId),
        DailyLifeSupportContractChanged e => new("rights", "daily_life_support_contract_changed", e.Status, e.ContractId),
        // A new activity event gets a line of its own here; until then it still shows, by its type name.
        _ => new(SourceOf(activity), activity.GetType().Name, null, null),
    };

    private static string SourceOf(ISupportCaseActivity activity) => activity.GetType().Namespace switch
    {
        "Jusou.Contracts.Outreach" => "outreach",
        "Jusou.Contracts.Participation" => "participation",
        "Jusou.Contracts.RightsAdvocacy" => "rights",
        "Jusou.Contracts.Intake" => "intake",
        _ => "other",
    };
}
