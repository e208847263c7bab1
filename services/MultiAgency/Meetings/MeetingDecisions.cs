using Jusou.Contracts.MultiAgency;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;

namespace Jusou.MultiAgency.Meetings;

/// <summary>
/// Decisions act. Recording a decision (方針) on a discussed case publishes <see cref="MeetingDecisionRecorded"/> and does,
/// in the same unit of work, what it says within MultiAgency:
/// <list type="bullet">
/// <item>to_multi_agency (多機関協働事業へ): the case moves from 受付 into アセスメント, and a case without a coordinator in
/// charge raises a coordinator_needed alert;</item>
/// <item>watch (見守り): a 見守り support in place from the meeting's date (the no-contact watch scans every open case);</item>
/// <item>close (終結): a closure_proposed alert for the coordinator — the case is not closed automatically;</item>
/// <item>to_outreach, to_participation, to_rights_advocacy: Outreach, Participation and RightsAdvocacy open a target, a
/// request, a matter from the event and report back on the case timeline;</item>
/// <item>continue_with_agencies (関係機関で対応継続): nothing beyond the timeline.</item>
/// </list>
/// Changing or removing a decision withdraws it (<see cref="MeetingDecisionWithdrawn"/>): what it opened is undone while
/// nothing has been done on it — an open alert is dismissed, an unchanged 見守り support removed, another service's record
/// cancelled — and kept otherwise, as the timeline says. Whether a decision may be taken at all is <see cref="DecisionSharing"/>.
/// </summary>
public static class MeetingDecisions
{
    public const string ToMultiAgency = "to_multi_agency";
    public const string Watch = "watch";
    public const string Close = "close";

    /// <summary>Records <paramref name="item"/>'s decision (set on it already) for <paramref name="supportCase"/> and acts on it.</summary>
    public static void Record(MultiAgencyDbContext db, Meeting meeting, MeetingItem item, SupportCase supportCase, string by, DateTimeOffset now)
    {
        if (item.Decision is not { } decision) return;
        var decisionId = Guid.CreateVersion7();
        item.DecisionId = decisionId;
        var tenant = db.Tenant.Required;
        db.Publish(new MeetingDecisionRecorded(Guid.CreateVersion7(), now, tenant, decisionId, meeting.Id, item.Id, supportCase.Id, decision,
            meeting.Date, meeting.Type, SupportCaseCodes.SharingRuleFor(supportCase.Track), supportCase.PersonId, supportCase.DistrictCode,
            supportCase.MainConcern));

        switch (decision)
        {
            case ToMultiAgency:
                if (supportCase.Status == "received") SupportCaseEndpoints.Move(db, supportCase, "assessment", null, meeting.Id, null, by, now);
                if (supportCase.CoordinatorId is null) RaiseAlert(db, supportCase, WatchCodes.CoordinatorNeeded, decisionId, meeting.Date, now);
                break;
            case Watch:
                db.CaseSupports.Add(new CaseSupport
                {
                    CaseId = supportCase.Id, Kind = WatchCodes.MeetingWatch, StartsOn = meeting.Date, DecisionId = decisionId,
                    RecordedAt = now, RecordedBy = by,
                });
                db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "watch_started", decisionId, WatchCodes.MeetingWatch));
                break;
            case Close:
                RaiseAlert(db, supportCase, WatchCodes.ClosureProposed, decisionId, meeting.Date, now);
                break;
        }
    }

    /// <summary>
    /// Withdraws the decision <paramref name="item"/> carries (before it is changed or removed): publishes the withdrawal for
    /// the other services and undoes MultiAgency's own effects that nobody has acted on yet.
    /// </summary>
    /// <param name="reason">changed, cleared, item_removed.</param>
    public static async Task WithdrawAsync(MultiAgencyDbContext db, Meeting meeting, MeetingItem item, SupportCase supportCase, string reason,
        string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (item.Decision is not { } decision || item.DecisionId is not { } decisionId) return;
        item.DecisionId = null;
        db.Publish(new MeetingDecisionWithdrawn(Guid.CreateVersion7(), now, db.Tenant.Required, decisionId, meeting.Id, item.Id, supportCase.Id,
            decision, reason));

        string? outcome = null; // cancelled or kept, for the effects MultiAgency itself undoes
        var key = AlertKey(decisionId);
        switch (decision)
        {
            case ToMultiAgency or Close:
                // The alert goes unless the coordinator has dealt with it; a case moved into アセスメント stays there.
                var alert = await db.WatchAlerts.FirstOrDefaultAsync(a => a.CaseId == supportCase.Id && a.Key == key, cancellationToken);
                var dealtWith = alert is { Status: not "open" };
                if (alert is { Status: "open" })
                {
                    alert.Status = "dismissed";
                    alert.DismissedReason = "会議の方針の変更により取下げ";
                    alert.DismissedBy = by;
                    alert.DismissedAt = now;
                }
                var moved = decision == ToMultiAgency
                    && await db.Set<CaseStatusChange>().AnyAsync(c => c.CaseId == supportCase.Id && c.MeetingId == meeting.Id && c.Status == "assessment",
                        cancellationToken);
                outcome = moved || dealtWith ? "kept" : "cancelled";
                break;
            case Watch:
                var support = await db.CaseSupports.FirstOrDefaultAsync(s => s.CaseId == supportCase.Id && s.DecisionId == decisionId, cancellationToken);
                if (support is { UpdatedAt: null }) db.CaseSupports.Remove(support);
                outcome = support is { UpdatedAt: not null } ? "kept" : "cancelled";
                break;
        }
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "decision_withdrawn", decisionId,
            outcome is null ? decision : $"{decision}:{outcome}"));
    }

    private static string AlertKey(Guid decisionId) => $"decision:{decisionId:N}";

    /// <summary>An alert for the coordinator, keyed by the decision (a new id each time: never raised twice).</summary>
    private static void RaiseAlert(MultiAgencyDbContext db, SupportCase supportCase, string rule, Guid decisionId, DateOnly dueOn, DateTimeOffset now)
    {
        var alert = new WatchAlert { CaseId = supportCase.Id, Rule = rule, Key = AlertKey(decisionId), DueOn = dueOn, RaisedAt = now };
        db.WatchAlerts.Add(alert);
        db.Publish(new WatchAlertRaised(Guid.CreateVersion7(), now, db.Tenant.Required, alert.Id, supportCase.Id, rule, dueOn));
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "watch_alert_raised", alert.Id, rule));
    }
}
