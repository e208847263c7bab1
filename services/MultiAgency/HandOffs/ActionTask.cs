using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.Plans;

namespace Jusou.MultiAgency.HandOffs;

/// <summary>
/// One action of an approved plan handed to its organisation (依頼), closing the loop of 役割分担. One per action
/// (<see cref="ActionId"/>, stable across plan versions) and case. An action of kind other is the organisation's task: it
/// answers here — accepted or declined (with a reason), then done with what was delivered. An action of kind
/// participation, outreach or rights is answered by the service that takes it up, when it reports having opened its
/// request, target or matter for the action. Until then the hand-off is sent, and the watch raises action_unanswered
/// after the tenant's unansweredDays. A live hand-off is withdrawn when a new plan version drops its action or the case closes.
/// </summary>
[PartOfPersonalDataFile(typeof(SupportCase), Via = nameof(CaseId))]
public sealed class ActionTask : ITenantOwned
{
    /// <summary>The action kind whose organisation answers here; the other kinds are answered by their service.</summary>
    public const string AnsweredHereKind = "other";
    public const int NoteMaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string TenantCode { get; set; } = "";
    public Guid CaseId { get; init; }
    public Guid ActionId { get; init; }
    /// <summary>The latest approved plan version carrying the action.</summary>
    public Guid PlanId { get; set; }
    /// <summary><see cref="PlanCodes.ActionKinds"/></summary>
    public string Kind { get; set; } = "";
    public string OrganisationCode { get; set; } = "";
    /// <summary><see cref="HandOffCodes.Statuses"/></summary>
    public string Status { get; private set; } = HandOffCodes.Sent;
    /// <summary>When it was (last) handed to the organisation: the approval, or a re-approval that handed it again.</summary>
    public DateTimeOffset SentAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    /// <summary>Who accepted it: the organisation's worker (subject), or the service that opened its record (participation, outreach, rights).</summary>
    public string? AcceptedBy { get; private set; }
    /// <summary><see cref="HandOffCodes.DeclineReasons"/></summary>
    public string? DeclineReason { get; private set; }
    /// <summary><see cref="HandOffCodes.Outputs"/>: what was delivered.</summary>
    public string? OutputCode { get; private set; }
    /// <summary>The request, target or matter the receiving service opened for the action, once it reported it.</summary>
    public Guid? RecordId { get; private set; }
    /// <summary>The organisation's words on declining or completing (confidential; never in an event).</summary>
    public string? Note { get; private set; }
    /// <summary>When it was declined, done or withdrawn, and by whom.</summary>
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }
    /// <summary><see cref="HandOffCodes.WithdrawalReasons"/></summary>
    public string? WithdrawalReason { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Sent or accepted: the action is still the organisation's to do.</summary>
    public bool IsLive => Status is HandOffCodes.Sent or HandOffCodes.Accepted;

    /// <summary>
    /// Hands the actions of the approved <paramref name="plan"/> to their organisations, given the case's hand-offs so far
    /// (<paramref name="tasks"/>, to which new ones are added): a new action is sent; an action carried over keeps its
    /// hand-off and what came of it (a done or declined task stays so), unless it was given to another organisation (or
    /// kind) or had been withdrawn — then it is sent again; a live hand-off whose action the plan dropped is withdrawn (plan_revised). Answers every move.
    /// </summary>
    public static IReadOnlyList<TaskMove> HandOver(List<ActionTask> tasks, SupportPlan plan, DateTimeOffset at)
    {
        var moves = new List<TaskMove>();
        var approved = plan.Actions.Select(a => a.ActionId).ToHashSet();
        foreach (var dropped in tasks.Where(t => t.IsLive && !approved.Contains(t.ActionId)))
        {
            moves.Add(dropped.Withdraw("plan_revised", "multiagency", at));
        }
        foreach (var action in plan.Actions.OrderBy(a => a.Position))
        {
            var task = tasks.FirstOrDefault(t => t.ActionId == action.ActionId);
            if (task is null)
            {
                task = new ActionTask { CaseId = plan.CaseId, ActionId = action.ActionId };
                tasks.Add(task);
                moves.Add(task.Send(plan.Id, action, at));
                continue;
            }
            // An action given to another organisation (e.g. after the first declined it) is new work for that one.
            var reassigned = task.OrganisationCode != action.OrganisationCode || task.Kind != action.Kind;
            if (task.Status == HandOffCodes.Withdrawn || reassigned) moves.Add(task.Send(plan.Id, action, at));
            else task.PlanId = plan.Id;
        }
        return moves;
    }

    private TaskMove Send(Guid planId, PlanAction action, DateTimeOffset at)
    {
        var from = SentAt == default ? (string?)null : Status;
        PlanId = planId;
        Kind = action.Kind;
        OrganisationCode = action.OrganisationCode;
        Status = HandOffCodes.Sent;
        SentAt = at;
        AcceptedAt = null;
        AcceptedBy = null;
        RecordId = null;
        DeclineReason = null;
        OutputCode = null;
        Note = null;
        EndedAt = null;
        EndedBy = null;
        WithdrawalReason = null;
        return new TaskMove(this, from, HandOffCodes.Sent, null);
    }

    /// <summary>
    /// Null when the organisation may move the task to <paramref name="status"/> (accepted, declined, done) now; otherwise
    /// why not, naming the current status. Only kind other is answered here.
    /// </summary>
    public string? RefusalTo(string status)
    {
        if (Kind != AnsweredHereKind)
        {
            return $"A {Kind} action is answered by the service that takes it up (its request, target or matter), not here.";
        }
        var from = status == HandOffCodes.Done ? HandOffCodes.Accepted : HandOffCodes.Sent;
        if (Status == from) return null;
        return $"The task is 「{HandOffCodes.Statuses[Status]}」({Status}); it can be {status} only while it is {from}.";
    }

    public TaskMove Accept(string by, DateTimeOffset at)
    {
        var from = Status;
        Status = HandOffCodes.Accepted;
        AcceptedAt = at;
        AcceptedBy = by;
        return new TaskMove(this, from, Status, null);
    }

    public TaskMove Decline(string reason, string? note, string by, DateTimeOffset at)
    {
        var from = Status;
        Status = HandOffCodes.Declined;
        DeclineReason = reason;
        Note = note;
        EndedAt = at;
        EndedBy = by;
        return new TaskMove(this, from, Status, reason);
    }

    public TaskMove Complete(string output, string? note, string by, DateTimeOffset at)
    {
        var from = Status;
        Status = HandOffCodes.Done;
        OutputCode = output;
        Note = note;
        EndedAt = at;
        EndedBy = by;
        return new TaskMove(this, from, Status, output);
    }

    /// <summary>
    /// The receiving service reported it opened its record for the action (<paramref name="service"/>: participation,
    /// outreach, rights): a sent hand-off of that service's kind is accepted. Null when there was nothing to answer.
    /// </summary>
    public TaskMove? OpenedByService(string service, Guid recordId, DateTimeOffset at)
    {
        if (Kind == AnsweredHereKind || Status != HandOffCodes.Sent) return null;
        RecordId = recordId;
        return Accept(service, at);
    }

    /// <summary>
    /// The receiving service reported that the record it opened for the action ended (an outreach target closed, a
    /// guardianship matter ended): the action is done. Null when there was nothing live to end.
    /// </summary>
    public TaskMove? RecordEndedByService(string service, DateTimeOffset at)
    {
        if (Kind == AnsweredHereKind || Status != HandOffCodes.Accepted) return null;
        Status = HandOffCodes.Done;
        EndedAt = at;
        EndedBy = service;
        return new TaskMove(this, HandOffCodes.Accepted, Status, null);
    }

    /// <summary>A live hand-off stops (<see cref="HandOffCodes.WithdrawalReasons"/>); the caller checked it is live.</summary>
    public TaskMove Withdraw(string reason, string by, DateTimeOffset at)
    {
        var from = Status;
        Status = HandOffCodes.Withdrawn;
        WithdrawalReason = reason;
        EndedAt = at;
        EndedBy = by;
        return new TaskMove(this, from, Status, reason);
    }

    /// <summary>How the organisation's involvement ends when this was its last live action.</summary>
    public string InvolvementEndReason => Status == HandOffCodes.Done ? SupportCaseCodes.RoleCompleted : SupportCaseCodes.ActionDeclined;

    internal static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<ActionTask>(task =>
    {
        task.ToTable("action_tasks");
        task.Property(t => t.Kind).HasMaxLength(40);
        task.Property(t => t.OrganisationCode).HasMaxLength(Lengths.OrganisationCode);
        task.Property(t => t.Status).HasMaxLength(20);
        task.Property(t => t.DeclineReason).HasMaxLength(40);
        task.Property(t => t.OutputCode).HasMaxLength(40);
        task.Property(t => t.Note).HasMaxLength(NoteMaxLength);
        task.Property(t => t.WithdrawalReason).HasMaxLength(40);
        task.Property(t => t.Version).IsRowVersion();
        // One hand-off per action of a case, whatever races.
        task.HasIndex(t => new { t.CaseId, t.ActionId }).IsUnique();
        task.HasIndex(t => new { t.TenantCode, t.OrganisationCode, t.Status });
        task.HasIndex(t => new { t.TenantCode, t.Status, t.SentAt });
        task.HasIndex(t => new { t.CaseId, t.RecordId });
    });
}

/// <summary>One move of a hand-off: from (null when first sent) and to, with the reason or output code of the move.</summary>
public sealed record TaskMove(ActionTask Task, string? FromStatus, string Status, string? Code);
