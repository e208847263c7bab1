using Jusou.Contracts.MultiAgency;
using Jusou.Contracts.Outreach;
using Jusou.Contracts.Participation;
using Jusou.Contracts.RightsAdvocacy;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Plans;

namespace Jusou.MultiAgency.HandOffs;

/// <summary>
/// The loop of 役割分担, in the caller's unit of work: approving a plan hands each action to its organisation and
/// involves the organisation in the case; each answer moves the hand-off, shows on the timeline, is published, and ends
/// the organisation's involvement with its last live action; closing the case withdraws every live hand-off. The rules are
/// on <see cref="ActionTask"/> and <see cref="SupportCase"/>; this records what they decided.
/// </summary>
public static class ActionHandOffs
{
    /// <summary>The approved <paramref name="plan"/>'s actions go to their organisations (the case's involvements must be loaded).</summary>
    public static async Task HandOverAsync(MultiAgencyDbContext db, SupportCase supportCase, SupportPlan plan, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var tasks = await db.ActionTasks.Where(t => t.CaseId == supportCase.Id).ToListAsync(cancellationToken);
        var known = tasks.Select(t => t.Id).ToHashSet();
        var moves = ActionTask.HandOver(tasks, plan, at);
        db.ActionTasks.AddRange(tasks.Where(t => !known.Contains(t.Id)));
        foreach (var move in moves) Record(db, supportCase, move, at);
        var roles = supportCase.ApplyPlanRoles(tasks.Where(t => t.IsLive).Select(t => (t.OrganisationCode, t.ActionId)), by, at);
        foreach (var added in roles.Added)
        {
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", "involvement_added", added.Id, added.Role));
        }
        foreach (var ended in roles.Ended)
        {
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", "involvement_ended", ended.Id, ended.EndReason));
        }
    }

    /// <summary>
    /// Records an answer the organisation gave (the move is made): timeline, event, and — when the hand-off ended — the
    /// end of the organisation's involvement if this was its last live action.
    /// </summary>
    public static void Answered(MultiAgencyDbContext db, SupportCase supportCase, TaskMove move, DateTimeOffset at)
    {
        Record(db, supportCase, move, at);
        if (move.Task.IsLive) return;
        if (supportCase.EndPlanAction(move.Task.ActionId, move.Task.InvolvementEndReason, at) is { } ended)
        {
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", "involvement_ended", ended.Id, ended.EndReason));
        }
    }

    /// <summary>
    /// The case closes (終結, reason case_closed) or stops being shared because the person withdrew their consent
    /// (consent_withdrawn): every live hand-off is withdrawn, so no organisation keeps a task — and with it a view of the
    /// case — that the case no longer gives it (the involvements end with the case or the consent themselves).
    /// </summary>
    public static async Task WithdrawAllAsync(MultiAgencyDbContext db, SupportCase supportCase, string reason, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        var live = await db.ActionTasks.Where(t => t.CaseId == supportCase.Id && (t.Status == HandOffCodes.Sent || t.Status == HandOffCodes.Accepted))
            .ToListAsync(cancellationToken);
        foreach (var task in live) Record(db, supportCase, task.Withdraw(reason, by, at), at);
    }

    /// <summary>
    /// What the service that takes up a participation, outreach or rights action reports about the record it opened for
    /// it: the opening answers the hand-off (accepted); the record's end (an outreach target closed, a guardianship matter
    /// ended) makes the action done, which ends the organisation's part with its last live action. The service's own
    /// report is the timeline line. The two reports may arrive in either order: an end that came first is already on the
    /// case's timeline (this consumer wrote it), and the opening looks there.
    /// </summary>
    public static async Task ReportedByServiceAsync(MultiAgencyDbContext db, SupportCase supportCase, ISupportCaseActivity activity,
        CancellationToken cancellationToken)
    {
        var opened = activity switch
        {
            ParticipationRequestOpened e => (e.PlanActionId, Service: "participation", RecordId: e.RequestId),
            OutreachTargetOpened { Source: "plan_action" } e => (e.SourceId, Service: "outreach", RecordId: e.TargetId),
            GuardianshipMatterOpened e => (e.PlanActionId, Service: "rights", RecordId: e.MatterId),
            _ => (null, "", Guid.Empty),
        };
        var ended = activity switch
        {
            OutreachTargetStageChanged { Stage: "closed" } e => (Service: "outreach", RecordId: (Guid?)e.TargetId),
            GuardianshipStageChanged { Stage: "ended" } e => (Service: "rights", RecordId: (Guid?)e.MatterId),
            _ => ("", null),
        };
        var at = activity.OccurredAt;
        if (opened.Item1 is { } actionId)
        {
            var task = await db.ActionTasks.FirstOrDefaultAsync(t => t.CaseId == supportCase.Id && t.ActionId == actionId, cancellationToken);
            if (task?.OpenedByService(opened.Service, opened.RecordId, at) is null) return;
            if (await db.CaseTimeline.AnyAsync(e => e.CaseId == supportCase.Id && e.RecordId == opened.RecordId
                    && (e.Kind == "outreach_stage_changed" && e.Detail == "closed" || e.Kind == "guardianship_stage_changed" && e.Detail == "ended"),
                    cancellationToken))
            {
                await EndedByServiceAsync(db, supportCase, task, opened.Service, at, cancellationToken);
            }
        }
        else if (ended.RecordId is { } recordId)
        {
            var task = await db.ActionTasks.FirstOrDefaultAsync(t => t.CaseId == supportCase.Id && t.RecordId == recordId, cancellationToken);
            if (task is not null) await EndedByServiceAsync(db, supportCase, task, ended.Service, at, cancellationToken);
        }
    }

    private static async Task EndedByServiceAsync(MultiAgencyDbContext db, SupportCase supportCase, ActionTask task, string service,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (task.RecordEndedByService(service, at) is not { } move) return;
        await db.Entry(supportCase).Collection(c => c.Involvements).LoadAsync(cancellationToken);
        Answered(db, supportCase, move, at);
    }

    /// <summary>
    /// The timeline line (for the tasks answered here: kind other) and the event of one move. The first sending is
    /// already announced by SupportPlanActionApproved.
    /// </summary>
    private static void Record(MultiAgencyDbContext db, SupportCase supportCase, TaskMove move, DateTimeOffset at)
    {
        var task = move.Task;
        if (task.Kind == ActionTask.AnsweredHereKind)
        {
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", $"task_{move.Status}", task.Id, move.Code));
        }
        if (move.FromStatus is null) return;
        db.Publish(new PlanActionTaskChanged(Guid.CreateVersion7(), at, db.Tenant.Required, task.Id, task.CaseId, task.PlanId, task.ActionId,
            task.Kind, task.OrganisationCode, move.FromStatus, move.Status,
            move.Status is HandOffCodes.Declined or HandOffCodes.Withdrawn ? move.Code : null,
            move.Status == HandOffCodes.Done ? move.Code : null));
    }
}
