using System.ComponentModel.DataAnnotations;
using Jusou.Contracts.Intake;
using Jusou.Intake.Codes;

namespace Jusou.Intake.Referrals;

/// <summary>
/// A move of a referral: the receiver's answer (accepted, rejected, in_progress, on_hold, completed, failed) or the
/// sender's cancellation (cancelled), with its words. completed needs outputCode (what was delivered) and may carry a
/// short outputNote. The old codes sent and done are read as requested and completed.
/// </summary>
public sealed record ReferralAnswer(
    string Status, [property: MaxLength(Referral.AnswerMaxLength)] string? Answer = null, string? OutputCode = null,
    [property: MaxLength(Referral.OutputNoteMaxLength)] string? OutputNote = null)
{
    /// <summary>The status in today's vocabulary (the old done is completed).</summary>
    public string Target() => Status is not null && Referral.LegacyStatuses.TryGetValue(Status, out var current) ? current : Status!;

    public Validation Validate()
    {
        var target = Target();
        var validation = new Validation().Limits(this)
            .Require("status", Status)
            .OneOf("status", target, IntakeCodes.ReferralStatuses)
            .OneOf("outputCode", OutputCode, IntakeCodes.ReferralOutputs);
        if (Status is null) return validation;
        if (target == Referral.Completed && OutputCode is null) validation.Add("outputCode", "Say what was delivered: completed needs an outputCode.");
        if (target != Referral.Completed && OutputCode is not null) validation.Add("outputCode", "An output goes only with completed.");
        if (target != Referral.Completed && OutputNote is not null) validation.Add("outputNote", "An output note goes only with completed.");
        return validation;
    }
}

public sealed record ReferralStatusChangeResponse(string FromStatus, string Status, string By, string Party, DateTimeOffset At, string? Note);

public sealed record ReferralResponse(
    Guid Id, Guid ConsultationId, string OrganisationCode, string? Reason, string SharingRule, string Status, string? Answer,
    DateTimeOffset SentAt, string SentBy, DateTimeOffset? AnsweredAt, string? AnsweredBy, DateTimeOffset? DoneAt, string? OutputCode,
    string? OutputNote, IReadOnlyList<ReferralStatusChangeResponse> History)
{
    public static ReferralResponse From(Referral r) => new(r.Id, r.ConsultationId, r.OrganisationCode, r.Reason, r.SharingRule, r.Status,
        r.Answer, r.SentAt, r.SentBy, r.AnsweredAt, r.AnsweredBy, r.DoneAt, r.OutputCode, r.OutputNote,
        r.History.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => new ReferralStatusChangeResponse(c.FromStatus, c.Status, c.By, c.Party, c.At, c.Note))
            .ToList());
}

/// <summary>
/// The closed loop of 他機関へつなぎ: the receiving organisation sees what was sent to it and moves it along
/// (<see cref="Referral.Transitions"/>); the city's intake staff who sent it may cancel it until it has ended.
/// </summary>
public static class ReferralEndpoints
{
    /// <summary>The sender's side: the city's own intake and coordination staff.</summary>
    public static readonly string[] Senders = [JusouRoles.IntakeWorker, JusouRoles.Coordinator];

    public static void MapReferrals(this IEndpointRouteBuilder api)
    {
        var referrals = api.MapGroup("/referrals").WithTags("Referrals (他機関へつなぎ)")
            .RequireRoles(JusouRoles.IntakeWorker, JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager);
        referrals.MapGet("/", List).WithName("ListReferrals")
            .WithSummary("Referrals, oldest first; partner agencies see those sent to their organisation. Filter by status to find unanswered ones.");
        referrals.MapGet("/{id:guid}", Get).WithName("GetReferral").WithSummary("Read one referral with every move it made.");
        referrals.MapPost("/{id:guid}/status", Move).WithName("MoveReferral")
            .WithSummary("Move a referral: the receiving organisation answers (accepted, rejected, in_progress, on_hold, completed with its output, failed); the sender cancels (cancelled) until it has ended.");
        referrals.MapPost("/{id:guid}/answer", Move).WithName("AnswerReferral")
            .WithSummary("The same as POST …/status (the first name of this endpoint, kept for existing callers).");
    }

    private static IQueryable<Referral> Visible(IntakeDbContext db, HttpContext http)
    {
        if (!Consultations.ConsultationEndpoints.IsPartnerAgency(http.User)) return db.Referrals;
        var organisation = http.User.OrganisationCode() ?? "";
        return db.Referrals.Where(r => r.OrganisationCode == organisation);
    }

    private static async Task<Results<Ok<Page<ReferralResponse>>, ValidationProblem>> List(
        IntakeDbContext db, HttpContext http, string? status, string? organisationCode, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (status is not null && Referral.LegacyStatuses.TryGetValue(status, out var current)) status = current;
        var validation = new Validation().OneOf("status", string.IsNullOrEmpty(status) ? null : status, IntakeCodes.ReferralStatuses);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var query = Visible(db, http).AsNoTracking().Include(r => r.History).AsSplitQuery();
        if (!string.IsNullOrEmpty(status)) query = query.Where(r => r.Status == status);
        if (!string.IsNullOrEmpty(organisationCode)) query = query.Where(r => r.OrganisationCode == organisationCode);
        var rows = await query.PageOf(page, r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, r => r.Id, ReferralResponse.From));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound>> Get(Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var referral = await Visible(db, http).AsNoTracking().Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "referral", id, rule: referral.SharingRule, cancellationToken: cancellationToken);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Move(
        Guid id, ReferralAnswer request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var referral = await Visible(db, http).Include(r => r.History).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return TypedResults.NotFound();

        // The token says which side the caller is on: the organisation it acts for is the receiver; the city's intake
        // staff (not a partner agency) are the sender.
        var party = http.User.OrganisationCode() == referral.OrganisationCode ? ReferralParty.Receiver
            : !Consultations.ConsultationEndpoints.IsPartnerAgency(http.User) && Senders.Any(http.User.IsInRole) ? ReferralParty.Sender
            : (ReferralParty?)null;
        var to = request.Target();
        if (party is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the receiver or the sender moves a referral.",
                detail: $"The organisation referred to ({referral.OrganisationCode}) answers it; the city's intake staff who sent it may cancel it.");
        }
        // A caller on both sides (the city's intake staff referring to their own organisation) acts as the sender only to cancel.
        if (party == ReferralParty.Receiver && to == Referral.Cancelled && Senders.Any(http.User.IsInRole)
            && !Consultations.ConsultationEndpoints.IsPartnerAgency(http.User))
        {
            party = ReferralParty.Sender;
        }

        var now = clock.GetUtcNow();
        var by = http.User.SubjectId();
        var (change, refusal) = referral.Move(to, party.Value, Validation.Normalize(request.Answer), request.OutputCode,
            Validation.Normalize(request.OutputNote), by, now);
        if (refusal is not null)
        {
            return refusal.WrongParty
                ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The other party makes this move.", detail: refusal.Detail)
                : Problems.Conflict(refusal.Detail);
        }

        db.AuditEntries.Add(AuditEntry.For(http, party == ReferralParty.Sender ? "cancel" : "answer", "referral", id, referral.SharingRule));
        var tenant = db.Tenant.Required;
        db.Publish(new AgencyReferralStatusChanged(Guid.CreateVersion7(), now, tenant, referral.Id, referral.ConsultationId,
            referral.OrganisationCode, change!.FromStatus, change.Status, change.Party, referral.OutputCode));
        // Subscribers of the first vocabulary still hear the three answers they knew (done = completed).
        if (to is Referral.Accepted or Referral.Rejected or Referral.Completed)
        {
            db.Publish(new AgencyReferralAnswered(Guid.CreateVersion7(), now, tenant, referral.Id, referral.ConsultationId,
                referral.OrganisationCode, to == Referral.Completed ? "done" : to));
        }
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The referral was moved meanwhile; read it again.");
        return TypedResults.Ok(ReferralResponse.From(referral));
    }
}
