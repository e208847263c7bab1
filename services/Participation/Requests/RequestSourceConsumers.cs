using Jusou.Contracts.Intake;
using Jusou.Contracts.MultiAgency;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Requests;

// Requests opened by other services' events. Idempotent twice over: the inbox drops a redelivered message, and one
// request per (source, source id) — checked here and guaranteed by a unique index — drops a second event about the
// same plan action or consultation (a re-approval sends the action again under a new event id). A request opened
// from an event is dated by it — the approval or the referral opened it — so the case timeline reads in the order
// things were decided, whenever the message happened to be handled.

/// <summary>An approved support-plan action of kind "participation": the meeting asked for a place for the person.</summary>
public sealed class SupportPlanActionApprovedConsumer(ParticipationDbContext db)
    : InboxConsumer<SupportPlanActionApproved, ParticipationDbContext>(db)
{
    protected override Task HandleAsync(SupportPlanActionApproved action, CancellationToken cancellationToken)
    {
        if (action.Kind != "participation") return Task.CompletedTask; // outreach, rights … are other services' work
        return RequestSources.OpenOnceAsync(Db, new ParticipationRequest
        {
            Source = "plan_action",
            SourceId = action.ActionId,
            SupportCaseId = action.CaseId,
            PlanActionId = action.ActionId,
            PersonId = action.PersonId,
            DistrictCode = action.DistrictCode,
            NeedCodes = action.NeedCodes.Distinct().ToList(),
            // The plan may already name the kinds of participation it has in mind.
            WishedKinds = ParticipationCodes.OpportunityKinds.Keys.Where(action.NeedCodes.Contains).ToList(),
            DueOn = action.DueOn,
            OpenedAt = action.OccurredAt,
            OpenedBy = "event:plan_action",
        }, cancellationToken);
    }
}

/// <summary>A consultation Intake referred to 参加支援 (with the person's consent).</summary>
public sealed class ConsultationReferredToParticipationConsumer(ParticipationDbContext db)
    : InboxConsumer<ConsultationReferredToParticipation, ParticipationDbContext>(db)
{
    protected override Task HandleAsync(ConsultationReferredToParticipation referral, CancellationToken cancellationToken) =>
        RequestSources.OpenOnceAsync(Db, new ParticipationRequest
        {
            Source = "intake_referral",
            SourceId = referral.ConsultationId,
            PersonId = referral.PersonId,
            DistrictCode = referral.DistrictCode,
            NeedCodes = referral.MainConcern is null ? [] : [referral.MainConcern],
            OpenedAt = referral.OccurredAt,
            OpenedBy = "event:intake_referral",
        }, cancellationToken);
}

internal static class RequestSources
{
    public static async Task OpenOnceAsync(ParticipationDbContext db, ParticipationRequest request, CancellationToken cancellationToken)
    {
        if (await db.Requests.AnyAsync(r => r.Source == request.Source && r.SourceId == request.SourceId, cancellationToken)) return;
        request.TenantCode = db.Tenant.Required;
        db.Requests.Add(request);
        db.Publish(request.Opened());
    }
}
