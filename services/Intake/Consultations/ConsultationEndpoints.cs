using System.Security.Claims;
using Jusou.Contracts.Intake;
using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.Intake.Consultations;

/// <summary>POST a consultation (相談受付) and read it back. A "multi_agency" disposition refers it to 多機関協働.</summary>
public sealed record ConsultationRequest(
    string Channel,
    DateTimeOffset? ReceivedAt = null,
    string? MainConcern = null,
    string? Summary = null,
    Guid? PersonId = null,
    string? Disposition = null,
    string? SharingRule = null)
{
    public const int SummaryMaxLength = 4000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation()
            .Require("channel", Channel)
            .OneOf("channel", Channel, ConsultationCodes.Channels)
            .OneOf("mainConcern", MainConcern, ConsultationCodes.Concerns)
            .MaxLength("summary", Summary, SummaryMaxLength)
            .OneOf("disposition", Disposition, ConsultationCodes.Dispositions)
            .OneOf("sharingRule", SharingRule, ConsultationCodes.SharingRules)
            .NotInFuture("receivedAt", ReceivedAt, clock);
        if (Disposition == "multi_agency" && SharingRule is null)
        {
            validation.Add("sharingRule",
                "A referral to 多機関協働 shares personal data: say which rule allows it (consent or support_meeting).");
        }
        return validation;
    }
}

public sealed record ConsultationResponse(
    Guid Id,
    DateTimeOffset ReceivedAt,
    string Channel,
    string? MainConcern,
    string? Summary,
    Guid? PersonId,
    string? Disposition,
    string? SharingRule,
    string RecordedBy,
    string? Organisation,
    DateTimeOffset RecordedAt)
{
    public static ConsultationResponse From(Consultation c) => new(c.Id, c.ReceivedAt, c.Channel, c.MainConcern, c.Summary,
        c.PersonId, c.Disposition, c.SharingRule, c.RecordedBy, c.Organisation, c.RecordedAt);
}

public static class ConsultationEndpoints
{
    private static readonly string[] Readers =
        [JusouRoles.IntakeWorker, JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];

    public static void MapConsultations(this IEndpointRouteBuilder api)
    {
        var consultations = api.MapGroup("/consultations").WithTags("Consultations (相談受付)").RequireRoles(Readers);

        consultations.MapPost("/", Receive)
            .WithName("ReceiveConsultation")
            .WithSummary("相談受付: record a consultation, however little is known; optionally refer it on.");
        consultations.MapGet("/{id:guid}", Get)
            .WithName("GetConsultation")
            .WithSummary("Read one consultation.");
    }

    private static async Task<Results<Created<ConsultationResponse>, ValidationProblem>> Receive(
        ConsultationRequest request, IntakeDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var now = clock.GetUtcNow();
        var consultation = new Consultation
        {
            ReceivedAt = request.ReceivedAt?.ToUniversalTime() ?? now,
            Channel = request.Channel,
            MainConcern = request.MainConcern,
            Summary = Validation.Normalize(request.Summary),
            PersonId = request.PersonId,
            Disposition = request.Disposition,
            SharingRule = request.SharingRule,
            RecordedBy = user.FindFirstValue(JusouClaims.Subject) ?? "",
            Organisation = user.FindFirstValue(JusouClaims.Organisation),
            RecordedAt = now,
        };
        db.Consultations.Add(consultation);

        if (consultation.Disposition == "multi_agency")
        {
            db.Publish(new ConsultationReferred(Guid.CreateVersion7(), now, db.Tenant.Required, consultation.Id,
                consultation.PersonId, consultation.MainConcern, consultation.SharingRule!));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/intake/consultations/{consultation.Id}", ConsultationResponse.From(consultation));
    }

    private static async Task<Results<Ok<ConsultationResponse>, NotFound>> Get(
        Guid id, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return consultation is null ? TypedResults.NotFound() : TypedResults.Ok(ConsultationResponse.From(consultation));
    }
}
