using System.ComponentModel.DataAnnotations;
using Jusou.Contracts.Outreach;
using Jusou.Outreach.Codes;
using Jusou.Outreach.Targets;

namespace Jusou.Outreach.Contacts;

public sealed record ContactRequest(
    string Method,
    string Outcome,
    DateTimeOffset? At = null,
    [property: MaxLength(ContactRequest.NotesMaxLength)] string? Notes = null,
    DateOnly? NextContactOn = null)
{
    public const int NotesMaxLength = 4000;

    public Validation Validate(TimeProvider clock) => new Validation().Limits(this)
        .Require("method", Method)
        .OneOf("method", Method, OutreachCodes.ContactMethods)
        .Require("outcome", Outcome)
        .OneOf("outcome", Outcome, OutreachCodes.ContactOutcomes)
        .NotInFuture("at", At, clock);
}

/// <summary>An attempt; <see cref="Notes"/> is null for callers who may not read notes.</summary>
public sealed record ContactResponse(
    Guid Id, Guid TargetId, DateTimeOffset At, string Method, string Outcome, string? Notes, DateOnly? NextContactOn, string RecordedBy)
{
    public static ContactResponse From(ContactAttempt a, bool withNotes) =>
        new(a.Id, a.TargetId, a.At, a.Method, a.Outcome, withNotes ? a.Notes : null, a.NextContactOn, a.RecordedBy);
}

public static class ContactEndpoints
{
    public static void MapContacts(this IEndpointRouteBuilder api)
    {
        var contacts = api.MapGroup("/targets/{targetId:guid}/contacts").WithTags("Contact attempts (接触記録)");

        contacts.MapPost("/", Record).WithIdempotency<OutreachDbContext>().RequireRoles(TargetEndpoints.Writers)
            .WithName("RecordContactAttempt")
            .WithSummary("Record a contact attempt (訪問, 電話, 手紙, 家族・民生委員を通じて) with its outcome, confidential notes and the next planned contact.");
        contacts.MapGet("/", List).RequireRoles(TargetEndpoints.Readers)
            .WithName("ListContactAttempts")
            .WithSummary("A target's contact attempts, oldest first; notes only for outreach workers and managers (audited).");
        contacts.MapGet("/{id:guid}", Get).RequireRoles(TargetEndpoints.Readers)
            .WithName("GetContactAttempt").WithSummary("One contact attempt; notes only for outreach workers and managers (audited).");
    }

    private static async Task<Results<Created<ContactResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Record(
        Guid targetId, ContactRequest request, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null) return TypedResults.NotFound();
        var now = clock.GetUtcNow();
        var at = request.At?.ToUniversalTime() ?? now;
        if (JapanDate.Of(at) < target.IdentifiedOn)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["at"] = ["at cannot be before the target was identified (把握日)."] });
        }
        if (target.Stage == OutreachCodes.Stage.Closed) return Problems.Conflict("The target is closed (終結); open a new target if the person needs outreach again.");

        var attempt = new ContactAttempt
        {
            TenantCode = target.TenantCode,
            TargetId = targetId,
            At = at,
            Method = request.Method,
            Outcome = request.Outcome,
            Notes = Validation.Normalize(request.Notes),
            NextContactOn = request.NextContactOn,
            RecordedBy = http.User.SubjectId(),
            RecordedAt = now,
        };
        db.ContactAttempts.Add(attempt);

        // The latest attempt decides the plan: an attempt recorded late for an earlier day does not move it back.
        if (target.LastAttemptAt is null || at >= target.LastAttemptAt)
        {
            target.LastAttemptAt = at;
            target.NextContactOn = request.NextContactOn;
        }
        if (OutreachCodes.ReachedOutcomes.Contains(request.Outcome) && (target.FirstReachedAt is null || at < target.FirstReachedAt))
        {
            target.FirstReachedAt = at;
        }
        // The first try is what 接触試行 means; later stages are the worker's call.
        if (target.Stage == OutreachCodes.Stage.Identified) db.Publish(target.MoveTo(OutreachCodes.Stage.Attempting, null, now));

        db.Publish(new OutreachContactAttempted(Guid.CreateVersion7(), now, target.TenantCode, targetId, attempt.Id, target.SupportCaseId,
            attempt.Method, attempt.Outcome, attempt.NextContactOn));
        db.AuditEntries.Add(AuditEntry.For(http, "create", "contact_attempt", attempt.Id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The target changed while recording; try again.");
        return TypedResults.Created($"/api/outreach/targets/{targetId}/contacts/{attempt.Id}", ContactResponse.From(attempt, withNotes: true));
    }

    private static async Task<Results<Ok<Page<ContactResponse>>, NotFound, ValidationProblem>> List(
        Guid targetId, OutreachDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!await db.Targets.AnyAsync(t => t.Id == targetId, cancellationToken)) return TypedResults.NotFound();

        var query = db.ContactAttempts.AsNoTracking().Where(a => a.TargetId == targetId);
        var rows = await query.PageOf(page, a => a.Id).ToListAsync(cancellationToken);

        var withNotes = TargetEndpoints.MayReadNotes(http.User);
        var result = page.ToPage(rows, a => a.Id, a => ContactResponse.From(a, withNotes));
        db.AuditEntries.Add(AuditEntry.For(http, "search", "outreach_target", targetId));
        if (withNotes) db.AuditEntries.AddRange(result.Items.Select(a => AuditEntry.For(http, "read_notes", "contact_attempt", a.Id)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ContactResponse>, NotFound>> Get(
        Guid targetId, Guid id, OutreachDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var attempt = await db.ContactAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.TargetId == targetId && a.Id == id, cancellationToken);
        if (attempt is null) return TypedResults.NotFound();
        var withNotes = TargetEndpoints.MayReadNotes(http.User);
        db.AuditEntries.Add(AuditEntry.For(http, withNotes ? "read_notes" : "read", "contact_attempt", id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ContactResponse.From(attempt, withNotes));
    }
}
