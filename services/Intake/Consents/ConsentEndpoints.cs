using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Organisations;
using Jusou.Contracts.Intake;
using Jusou.Intake.Codes;
using Jusou.Intake.Persons;

namespace Jusou.Intake.Consents;

public sealed record ConsentRequest(
    IReadOnlyList<string> OrganisationCodes,
    IReadOnlyList<string> Purposes,
    [property: MaxLength(ConsentRequest.WordingVersionMaxLength)] string WordingVersion,
    DateOnly GivenOn,
    string Method)
{
    public const int WordingVersionMaxLength = 60;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("wordingVersion", WordingVersion)
            .Require("method", Method)
            .OneOf("method", Method, IntakeCodes.ConsentMethods);
        if (OrganisationCodes is not { Count: > 0 and <= 50 }) validation.Add("organisationCodes", "Name 1–50 organisations, or \"*\" for every organisation of the programme.");
        else if (OrganisationCodes.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > Lengths.OrganisationCode))
        {
            validation.Add("organisationCodes", $"Organisation codes are 1–{Lengths.OrganisationCode} characters.");
        }
        if (Purposes is not { Count: > 0 }) validation.Add("purposes", "Name at least one purpose.");
        else foreach (var purpose in Purposes) validation.OneOf("purposes", purpose, IntakeCodes.ConsentPurposes);
        if (GivenOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))) validation.Add("givenOn", "givenOn cannot be in the future.");
        return validation;
    }

    /// <summary>
    /// Each organisation named is one of the municipality's directory; "*" (every organisation) and the programme's
    /// own services (multi_agency, outreach, participation, rights) are always there.
    /// </summary>
    public async Task CheckOrganisations(Validation validation, IntakeDbContext db, CancellationToken cancellationToken)
    {
        if (!validation.IsValid) return;
        for (var i = 0; i < OrganisationCodes.Count; i++)
        {
            if (Consent.IsProgrammeWide(OrganisationCodes[i])) continue;
            await validation.CheckOrganisation(db, $"organisationCodes[{i}]", OrganisationCodes[i], cancellationToken);
        }
    }
}

public sealed record ConsentResponse(
    Guid Id, Guid PersonId, IReadOnlyList<string> OrganisationCodes, IReadOnlyList<string> Purposes, string WordingVersion,
    DateOnly GivenOn, string Method, string TakenBy, string? TakenByOrganisationCode, DateTimeOffset RecordedAt,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, bool Active)
{
    public static ConsentResponse From(Consent c) => new(c.Id, c.PersonId, c.OrganisationCodes, c.Purposes, c.WordingVersion, c.GivenOn,
        c.Method, c.TakenBy, c.TakenByOrganisationCode, c.RecordedAt, c.WithdrawnAt, c.WithdrawnBy, c.IsActive);
}

public static class ConsentEndpoints
{
    public static void MapConsents(this IEndpointRouteBuilder api)
    {
        var consents = api.MapGroup("/persons/{personId:guid}/consents").WithTags("Consent (本人同意)").RequireRoles(PersonEndpoints.Users);
        consents.MapPost("/", Record).WithIdempotency<IntakeDbContext>()
            .WithName("RecordConsent").WithSummary("Record the person's consent: organisations, purposes, wording version, date, method.");
        consents.MapGet("/", List).WithName("ListConsents").WithSummary("The person's consents, active and withdrawn.");
        consents.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawConsent").WithSummary("Withdraw a consent from now on; the record stays.");
    }

    private static async Task<Results<Created<ConsentResponse>, ValidationProblem, NotFound>> Record(
        Guid personId, ConsentRequest request, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        await request.CheckOrganisations(validation, db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!await db.Persons.VisibleTo(db, http.User).AnyAsync(p => p.Id == personId && p.Status == IntakeCodes.PersonStatus.Active, cancellationToken)) return TypedResults.NotFound();

        var consent = new Consent
        {
            PersonId = personId,
            OrganisationCodes = request.OrganisationCodes.Distinct().ToList(),
            Purposes = request.Purposes.Distinct().ToList(),
            WordingVersion = request.WordingVersion,
            GivenOn = request.GivenOn,
            Method = request.Method,
            TakenBy = http.User.SubjectId(),
            TakenByOrganisationCode = http.User.OrganisationCode(),
            RecordedAt = clock.GetUtcNow(),
        };
        db.Consents.Add(consent);
        // MultiAgency checks the consented track against what the person agreed to: it learns the scope as ids and codes.
        db.Publish(new ConsentRecorded(Guid.CreateVersion7(), consent.RecordedAt, db.Tenant.Required, consent.Id, personId,
            consent.OrganisationCodes, consent.Purposes));
        db.AuditEntries.Add(AuditEntry.For(http, "create", "consent", consent.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/intake/persons/{personId}/consents/{consent.Id}", ConsentResponse.From(consent));
    }

    private static async Task<Results<Ok<List<ConsentResponse>>, NotFound>> List(
        Guid personId, IntakeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Persons.VisibleTo(db, http.User).AnyAsync(p => p.Id == personId, cancellationToken)) return TypedResults.NotFound();
        var consents = await db.Consents.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        await db.AuditReadAsync(http, "consent", personId, cancellationToken: cancellationToken);
        return TypedResults.Ok(consents.Select(ConsentResponse.From).ToList());
    }

    private static async Task<Results<Ok<ConsentResponse>, NotFound, ProblemHttpResult>> Withdraw(
        Guid personId, Guid id, IntakeDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Persons.VisibleTo(db, http.User).AnyAsync(p => p.Id == personId, cancellationToken)) return TypedResults.NotFound();
        var consent = await db.Consents.FirstOrDefaultAsync(c => c.Id == id && c.PersonId == personId, cancellationToken);
        if (consent is null) return TypedResults.NotFound();
        if (!consent.IsActive) return Problems.Conflict("The consent was already withdrawn.");
        consent.WithdrawnAt = clock.GetUtcNow();
        consent.WithdrawnBy = http.User.SubjectId();
        // Every service that shares the person's cases learns of it (ids only) and stops sharing what this consent allowed.
        var stillConsented = await db.Consents.AnyAsync(c => c.PersonId == personId && c.Id != id && c.WithdrawnAt == null, cancellationToken);
        db.Publish(new ConsentWithdrawn(Guid.CreateVersion7(), consent.WithdrawnAt.Value, db.Tenant.Required, id, personId, stillConsented));
        db.AuditEntries.Add(AuditEntry.For(http, "withdraw", "consent", id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ConsentResponse.From(consent));
    }
}
