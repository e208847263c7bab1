using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Organisations;
using System.Security.Claims;
using Jusou.Contracts.Intake;
using Jusou.Intake.AgeWatch;
using Jusou.Intake.Codes;
using Jusou.Intake.Persons;
using Jusou.Intake.Referrals;

namespace Jusou.Intake.Consultations;

/// <summary>相談受付 as a caller sends it: only the channel is required. A disposition may be decided at once.</summary>
public sealed record ConsultationRequest(
    string Channel,
    DateTimeOffset? ReceivedAt = null,
    string? ReferralRoute = null,
    string? MainConcern = null,
    IReadOnlyList<string>? SecondaryConcerns = null,
    [property: MaxLength(ConsultationRequest.SummaryMaxLength)] string? Summary = null,
    Guid? PersonId = null,
    string? Visitor = null,
    string? ConsentPath = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    string? Disposition = null,
    string? SharingRule = null,
    [property: MaxLength(Lengths.OrganisationCode)] string? ReferredOrganisationCode = null,
    [property: MaxLength(Referral.ReasonMaxLength)] string? ReferralReason = null)
{
    public const int SummaryMaxLength = 4000;

    public DispositionRequest? DispositionPart =>
        Disposition is null ? null : new DispositionRequest(Disposition, SharingRule, ReferredOrganisationCode, ReferralReason);

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("channel", Channel)
            .OneOf("channel", Channel, IntakeCodes.Channels)
            .OneOf("referralRoute", ReferralRoute, IntakeCodes.ReferralRoutes)
            .OneOf("mainConcern", MainConcern, IntakeCodes.Concerns)
            .OneOf("visitor", Visitor, IntakeCodes.Visitors)
            .OneOf("consentPath", ConsentPath, IntakeCodes.ConsentPaths)
            .NotInFuture("receivedAt", ReceivedAt, clock);
        var secondary = SecondaryConcerns ?? [];
        if (secondary.Count > IntakeCodes.Concerns.Count) validation.Add("secondaryConcerns", "Too many concerns.");
        foreach (var concern in secondary) validation.OneOf("secondaryConcerns", concern, IntakeCodes.Concerns);
        if (MainConcern is not null && secondary.Contains(MainConcern)) validation.Add("secondaryConcerns", "The main concern is not also a secondary one.");
        if (SharingRule is not null && Disposition is null) validation.Add("disposition", "A sharing rule only goes with a disposition.");
        if (DispositionPart is { } disposition)
        {
            foreach (var (field, messages) in disposition.Validate().Errors)
                foreach (var message in messages) validation.Add(field, message);
        }
        return validation;
    }
}

public sealed record ConsultationPatch(Guid? PersonId);

public sealed record FollowUpRequest(
    string Channel, DateTimeOffset? At = null, [property: MaxLength(ConsultationRequest.SummaryMaxLength)] string? Note = null)
{
    public Validation Validate(TimeProvider clock) => new Validation().Limits(this)
        .Require("channel", Channel)
        .OneOf("channel", Channel, IntakeCodes.Channels)
        .NotInFuture("at", At, clock);
}

public sealed record FollowUpResponse(Guid Id, DateTimeOffset At, string Channel, string? Note, string RecordedBy);
public sealed record StatusChangeResponse(string Status, string? Disposition, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record ConsultationResponse(
    Guid Id, DateTimeOffset ReceivedAt, string Channel, string? ReferralRoute, string? MainConcern, IReadOnlyList<string> SecondaryConcerns,
    string? Summary, Guid? PersonId, string? Visitor, string? ConsentPath, string? DistrictCode, string Status, string? Disposition,
    string? SharingRule, string? Source, Guid? SourceId, string RecordedBy, string? OrganisationCode, DateTimeOffset RecordedAt,
    DateTimeOffset? SupportCaseClosedAt, string? SupportCaseClosureReason,
    IReadOnlyList<FollowUpResponse> FollowUps, IReadOnlyList<StatusChangeResponse> StatusHistory)
{
    public static ConsultationResponse From(Consultation c) => new(c.Id, c.ReceivedAt, c.Channel, c.ReferralRoute, c.MainConcern,
        c.SecondaryConcerns, c.Summary, c.PersonId, c.Visitor, c.ConsentPath, c.DistrictCode, c.Status, c.Disposition, c.SharingRule,
        c.Source, c.SourceId, c.RecordedBy, c.OrganisationCode, c.RecordedAt, c.SupportCaseClosedAt, c.SupportCaseClosureReason,
        c.FollowUps.OrderBy(f => f.At).Select(f => new FollowUpResponse(f.Id, f.At, f.Channel, f.Note, f.RecordedBy)).ToList(),
        c.StatusHistory.OrderBy(s => s.ChangedAt).ThenBy(s => s.Id).Select(s => new StatusChangeResponse(s.Status, s.Disposition, s.ChangedBy, s.ChangedAt)).ToList());
}

public static class ConsultationEndpoints
{
    public static readonly string[] Users =
        [JusouRoles.IntakeWorker, JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];

    public static void MapConsultations(this IEndpointRouteBuilder api)
    {
        var consultations = api.MapGroup("/consultations").WithTags("Consultations (相談受付)").RequireRoles(Users);

        consultations.MapPost("/", Receive).WithIdempotency<IntakeDbContext>()
            .WithName("ReceiveConsultation")
            .WithSummary("相談受付: record a consultation, however little is known; optionally decide its disposition at once.");
        consultations.MapGet("/", List).WithName("ListConsultations").WithSummary("Consultations, oldest first; filter by person or status.");
        consultations.MapGet("/{id:guid}", Get).WithName("GetConsultation").WithSummary("Read one consultation with its follow-ups and status history (ETag = version).");
        consultations.MapPatch("/{id:guid}", Link).RequiresIfMatch().WithName("LinkConsultation").WithSummary("Link an anonymous consultation to a person; needs If-Match.");
        consultations.MapPost("/{id:guid}/disposition", Dispose)
            .WithName("DisposeConsultation")
            .WithSummary("対応: close with advice, or refer on (他機関/多機関協働/アウトリーチ/参加支援/権利擁護) under the consent rule or the 支援会議 exception.");
        consultations.MapPost("/{id:guid}/follow-ups", FollowUp).WithIdempotency<IntakeDbContext>()
            .WithName("RecordFollowUp").WithSummary("継続相談: record a later contact on the same consultation.");
        consultations.MapGet("/{id:guid}/application-form", IntakeSheet.ApplicationForm)
            .WithName("GetApplicationForm").WithSummary("相談受付・申込票 (?version=with_consent|without_consent, default the consultation's own): printable HTML or PDF (?format=pdf); audited as a print.");
        consultations.MapGet("/{id:guid}/sheet", IntakeSheet.Render)
            .WithName("GetIntakeSheet").WithSummary("インテークシート: the consultation as a printable page (?format=html, A4, 和暦) or its PDF (?format=pdf); audited as a print.");
    }

    /// <summary>Staff of a partner agency (not the city's own intake, coordination or management staff).</summary>
    public static bool IsPartnerAgency(ClaimsPrincipal user) =>
        user.IsInRole(JusouRoles.AgencyStaff)
        && !user.IsInRole(JusouRoles.IntakeWorker) && !user.IsInRole(JusouRoles.Coordinator) && !user.IsInRole(JusouRoles.Manager);

    /// <summary>Partner agencies see the consultations they recorded and those referred to them; the city sees all of its own.</summary>
    public static IQueryable<Consultation> VisibleTo(this IQueryable<Consultation> consultations, IntakeDbContext db, ClaimsPrincipal user)
    {
        if (!IsPartnerAgency(user)) return consultations;
        var organisation = user.OrganisationCode() ?? "";
        return consultations.Where(c => c.OrganisationCode == organisation
            || db.Referrals.Any(r => r.ConsultationId == c.Id && r.OrganisationCode == organisation));
    }

    private static async Task<Results<Created<ConsultationResponse>, ValidationProblem, ProblemHttpResult>> Receive(
        ConsultationRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        await validation.CheckOrganisation(db, "referredOrganisationCode", request.ReferredOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        // Only a person the caller may see can be linked: linking must not become a way to see someone else's record.
        if (request.PersonId is { } personId && !await db.Persons.VisibleTo(db, http.User).AnyAsync(p => p.Id == personId && p.Status == IntakeCodes.PersonStatus.Active, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = [$"No active person {personId}."] });
        }

        var now = clock.GetUtcNow();
        var consultation = new Consultation
        {
            ReceivedAt = request.ReceivedAt?.ToUniversalTime() ?? now,
            Channel = request.Channel,
            ReferralRoute = request.ReferralRoute,
            MainConcern = request.MainConcern,
            SecondaryConcerns = (request.SecondaryConcerns ?? []).Distinct().ToList(),
            Summary = Validation.Normalize(request.Summary),
            PersonId = request.PersonId,
            Visitor = request.Visitor,
            ConsentPath = request.ConsentPath,
            DistrictCode = request.DistrictCode,
            RecordedBy = http.User.SubjectId(),
            OrganisationCode = http.User.OrganisationCode(),
            RecordedAt = now,
        };
        consultation.ChangeStatus("open", consultation.RecordedBy, now);
        db.Consultations.Add(consultation);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "consultation", consultation.Id));

        if (request.DispositionPart is { } disposition)
        {
            if (await Disposition.RefusalAsync(db, consultation, disposition, cancellationToken) is { } refusal)
            {
                return await refusal.RefuseAsync(db, http, "refer", "consultation", null, cancellationToken);
            }
            await Disposition.ApplyAsync(db, consultation, disposition, http.User.SubjectId(), now, cancellationToken);
            AuditDisposition(db, http, consultation);
        }

        await db.SaveChangesAsync(cancellationToken);
        ConsultationMetrics.Record(consultation);
        ETags.Set(http, consultation.Version);
        return TypedResults.Created($"/api/intake/consultations/{consultation.Id}", ConsultationResponse.From(consultation));
    }

    private static async Task<Results<Ok<Page<ConsultationResponse>>, ValidationProblem>> List(
        IntakeDbContext db, HttpContext http, Guid? personId, string? status, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var query = db.Consultations.AsNoTracking().Include(c => c.FollowUps).Include(c => c.StatusHistory).VisibleTo(db, http.User);
        if (personId is { } person) query = query.Where(c => c.PersonId == person);
        if (!string.IsNullOrEmpty(status)) query = query.Where(c => c.Status == status);
        var rows = await query.PageOf(page, c => c.Id).AsSplitQuery().ToListAsync(cancellationToken);

        var result = page.ToPage(rows, c => c.Id, ConsultationResponse.From);
        await db.AuditReadsAsync(http, "search", "consultation", result.Items.Select(c => c.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ConsultationResponse>, NotFound>> Get(
        Guid id, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var consultation = await Load(db, http, id, tracking: false, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "consultation", id, consultation.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }

    private static async Task<Results<Ok<ConsultationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Link(
        Guid id, ConsultationPatch patch, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        if (patch.PersonId is not { } personId) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = ["personId is required."] });
        var consultation = await Load(db, http, id, tracking: true, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();
        if (!await db.Persons.VisibleTo(db, http.User).AnyAsync(p => p.Id == personId && p.Status == IntakeCodes.PersonStatus.Active, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["personId"] = [$"No active person {personId}."] });
        }
        if (consultation.IsLinkedToAnotherThan(personId))
        {
            return Problems.Conflict("The consultation is already linked to another person; a reviewed person merge moves it.");
        }

        if (!db.IsAtVersion(consultation, version)) return ETags.Stale();
        // The link, its announcement and the age watch's look at the person commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (consultation.LinkTo(personId, now) is { } linked) db.Publish(linked);
        db.AuditEntries.Add(AuditEntry.For(http, "link", "consultation", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        // A consultation already referred to 多機関協働 makes the person watched from now on (制度切れ watch).
        if (consultation.WentToMultiAgency)
        {
            await AgeThresholdCheck.EvaluateAsync(db, [personId], JapanDate.Today(clock), now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        ETags.Set(http, consultation.Version);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }

    private static async Task<Results<Ok<ConsultationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Dispose(
        Guid id, DispositionRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate().Limits(request);
        await validation.CheckOrganisation(db, "referredOrganisationCode", request.ReferredOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var consultation = await Load(db, http, id, tracking: true, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();
        if (consultation.Status != IntakeCodes.ConsultationStatus.Open) return Problems.Conflict($"The consultation is already {consultation.Status}; record a follow-up instead.");
        if (await Disposition.RefusalAsync(db, consultation, request, cancellationToken) is { } refusal)
        {
            return await refusal.RefuseAsync(db, http, "refer", "consultation", consultation.Id, cancellationToken);
        }

        await Disposition.ApplyAsync(db, consultation, request, http.User.SubjectId(), clock.GetUtcNow(), cancellationToken);
        AuditDisposition(db, http, consultation);
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The consultation changed while deciding; read it again.");
        ETags.Set(http, consultation.Version);
        return TypedResults.Ok(ConsultationResponse.From(consultation));
    }

    private static async Task<Results<Created<FollowUpResponse>, NotFound, ValidationProblem>> FollowUp(
        Guid id, FollowUpRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var consultation = await db.Consultations.VisibleTo(db, http.User).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return TypedResults.NotFound();

        var now = clock.GetUtcNow();
        var followUp = new ConsultationFollowUp
        {
            ConsultationId = id,
            At = request.At?.ToUniversalTime() ?? now,
            Channel = request.Channel,
            Note = Validation.Normalize(request.Note),
            RecordedBy = http.User.SubjectId(),
        };
        db.Add(followUp);
        db.AuditEntries.Add(AuditEntry.For(http, "follow_up", "consultation", id));
        db.Publish(new ConsultationFollowedUp(Guid.CreateVersion7(), now, db.Tenant.Required, id, followUp.Id, consultation.PersonId, followUp.Channel));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/intake/consultations/{id}",
            new FollowUpResponse(followUp.Id, followUp.At, followUp.Channel, followUp.Note, followUp.RecordedBy));
    }

    /// <summary>The audit row of a disposition: who closed or referred it, and the sharing rule that allowed it.</summary>
    private static void AuditDisposition(IntakeDbContext db, HttpContext http, Consultation consultation) =>
        db.AuditEntries.Add(AuditEntry.For(http, Disposition.AuditAction(consultation.Disposition!), "consultation", consultation.Id,
            consultation.SharingRule ?? AuditEntry.RoleInTenant));

    internal static Task<Consultation?> Load(IntakeDbContext db, HttpContext http, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Consultations.Include(c => c.FollowUps).Include(c => c.StatusHistory).VisibleTo(db, http.User).AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }
}
