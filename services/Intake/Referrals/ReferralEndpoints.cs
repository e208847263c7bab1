using Jusou.Contracts.Intake;
using Jusou.Intake.Codes;
using Jusou.Messaging.Audit;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.Referrals;

public sealed record ReferralAnswer(string Status, string? Answer = null)
{
    public Validation Validate() => new Validation()
        .Require("status", Status)
        .OneOf("status", Status, IntakeCodes.ReferralStatuses)
        .MaxLength("answer", Answer, 2000);
}

public sealed record ReferralResponse(
    Guid Id, Guid ConsultationId, string OrganisationId, string? Reason, string SharingRule, string Status, string? Answer,
    DateTimeOffset SentAt, string SentBy, DateTimeOffset? AnsweredAt, string? AnsweredBy, DateTimeOffset? DoneAt)
{
    public static ReferralResponse From(Referral r) => new(r.Id, r.ConsultationId, r.OrganisationId, r.Reason, r.SharingRule, r.Status,
        r.Answer, r.SentAt, r.SentBy, r.AnsweredAt, r.AnsweredBy, r.DoneAt);
}

/// <summary>The closed loop of 他機関へつなぎ: the receiving organisation sees what was sent to it and answers.</summary>
public static class ReferralEndpoints
{
    public static void MapReferrals(this IEndpointRouteBuilder api)
    {
        var referrals = api.MapGroup("/referrals").WithTags("Referrals (他機関へつなぎ)")
            .RequireRoles(JusouRoles.IntakeWorker, JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager);
        referrals.MapGet("/", List).WithName("ListReferrals")
            .WithSummary("Referrals, oldest first; partner agencies see those sent to their organisation. Filter by status to find unanswered ones.");
        referrals.MapGet("/{id:guid}", Get).WithName("GetReferral").WithSummary("Read one referral.");
        referrals.MapPost("/{id:guid}/answer", Answer).WithName("AnswerReferral")
            .WithSummary("The receiver's answer: accepted or rejected (from sent), done (from accepted), with its words.");
    }

    private static IQueryable<Referral> Visible(IntakeDbContext db, HttpContext http)
    {
        if (!Consultations.ConsultationEndpoints.IsPartnerAgency(http.User)) return db.Referrals;
        var organisation = http.User.OrganisationId() ?? "";
        return db.Referrals.Where(r => r.OrganisationId == organisation);
    }

    private static async Task<Results<Ok<Page<ReferralResponse>>, ValidationProblem>> List(
        IntakeDbContext db, HttpContext http, string? status, string? organisationId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = Visible(db, http).AsNoTracking();
        if (!string.IsNullOrEmpty(status)) query = query.Where(r => r.Status == status);
        if (!string.IsNullOrEmpty(organisationId)) query = query.Where(r => r.OrganisationId == organisationId);
        if (page.After is { } after) query = query.Where(r => r.Id.CompareTo(after) > 0);
        var rows = await query.OrderBy(r => r.Id).Take(page.Size + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, r => r.Id, ReferralResponse.From));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound>> Get(Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var referral = await Visible(db, http).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return TypedResults.NotFound();
        db.AuditEntries.Add(AuditEntry.For(http, "read", "referral", id, referral.SharingRule));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ReferralResponse.From(referral));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Answer(
        Guid id, ReferralAnswer request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var referral = await Visible(db, http).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return TypedResults.NotFound();
        if (!Referral.CanMove(referral.Status, request.Status))
        {
            return Problems.Conflict($"A referral that is '{referral.Status}' cannot become '{request.Status}' (sent → accepted/rejected → done).");
        }

        var now = clock.GetUtcNow();
        referral.Status = request.Status;
        referral.Answer = Validation.Normalize(request.Answer);
        referral.AnsweredAt = now;
        referral.AnsweredBy = http.User.SubjectId();
        if (request.Status == "done") referral.DoneAt = now;
        db.AuditEntries.Add(AuditEntry.For(http, "answer", "referral", id, referral.SharingRule));
        db.Publish(new AgencyReferralAnswered(Guid.CreateVersion7(), now, db.Tenant.Required, referral.Id, referral.ConsultationId,
            referral.OrganisationId, referral.Status));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The referral was answered meanwhile; read it again.");
        return TypedResults.Ok(ReferralResponse.From(referral));
    }
}
