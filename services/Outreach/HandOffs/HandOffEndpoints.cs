using Jusou.Contracts.Outreach;
using Jusou.Outreach.Codes;
using Jusou.Outreach.Targets;
using Npgsql;

namespace Jusou.Outreach.HandOffs;

/// <summary>A hand-off: where to, and the person's consent (a hand-off without it is refused).</summary>
public sealed record HandOffRequest(
    string Destination, bool ConsentRecorded, string? ConsentMethod = null, DateOnly? ConsentGivenOn = null, string? MainConcern = null)
{
    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation()
            .Require("destination", Destination)
            .OneOf("destination", Destination, OutreachCodes.HandOffDestinations)
            .OneOf("consentMethod", ConsentMethod, OutreachCodes.ConsentMethods)
            .OneOf("mainConcern", MainConcern, OutreachCodes.Concerns);
        if (ConsentRecorded)
        {
            validation.Require("consentMethod", ConsentMethod).Require("consentGivenOn", ConsentGivenOn);
            if (ConsentGivenOn is { } given && given > JapanDate.Today(clock)) validation.Add("consentGivenOn", "consentGivenOn cannot be in the future.");
        }
        return validation;
    }
}

public sealed record HandOffResponse(
    Guid Id, Guid TargetId, string Destination, string ConsentMethod, DateOnly ConsentGivenOn, string? MainConcern,
    DateTimeOffset HandedOffAt, string HandedOffBy)
{
    public static HandOffResponse From(HandOff h) =>
        new(h.Id, h.TargetId, h.Destination, h.ConsentMethod, h.ConsentGivenOn, h.MainConcern, h.HandedOffAt, h.HandedOffBy);
}

public static class HandOffEndpoints
{
    public static void MapHandOffs(this IEndpointRouteBuilder api)
    {
        var handOffs = api.MapGroup("/targets/{targetId:guid}/hand-offs").WithTags("Hand-offs (つなぎ)");

        handOffs.MapPost("/", HandOn).WithIdempotency<OutreachDbContext>().RequireRoles(TargetEndpoints.Writers)
            .WithName("HandOffTarget")
            .WithSummary("つなぎ: with the person's consent, hand them to Intake (a consultation is recorded there) or report to the MultiAgency support case; the target moves to つなぎ and stays open.");
        handOffs.MapGet("/", List).RequireRoles(TargetEndpoints.Readers)
            .WithName("ListHandOffs").WithSummary("A target's hand-offs, oldest first.");
    }

    private static async Task<Results<Created<HandOffResponse>, NotFound, ValidationProblem, ProblemHttpResult>> HandOn(
        Guid targetId, HandOffRequest request, OutreachDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var target = await db.Targets.FirstOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null) return TypedResults.NotFound();

        if (!request.ConsentRecorded)
        {
            return await new SharingRefusal(SharingRefusal.ConsentRequired, "A hand-off needs the person's consent.",
                    "Outreach hands a person on only when they agree (本人同意). Until then keep building the relationship, or discuss them in the 支援会議.")
                .RefuseAsync(db, http, "hand_off", "outreach_target", target.Id, cancellationToken);
        }
        if (request.Destination == "multi_agency" && target.SupportCaseId is null)
        {
            return Problems.Refused("This target has no support case to report to.",
                "Only a target opened from a support plan action can be reported back to its MultiAgency case; hand the person to Intake instead.");
        }
        if (!OutreachCodes.HandOffStages.Contains(target.Stage))
        {
            return Problems.Conflict($"A target at 「{OutreachCodes.Stages[target.Stage]}」 cannot be handed off: the person must have been met and a relationship built (関係づくり).");
        }
        if (await db.HandOffs.AnyAsync(h => h.TargetId == targetId && h.Destination == request.Destination, cancellationToken))
        {
            return Problems.Conflict($"The target was already handed off to 「{OutreachCodes.HandOffDestinations[request.Destination]}」.");
        }

        var now = clock.GetUtcNow();
        var handOff = new HandOff
        {
            TenantCode = target.TenantCode,
            TargetId = targetId,
            Destination = request.Destination,
            ConsentMethod = request.ConsentMethod!,
            ConsentGivenOn = request.ConsentGivenOn!.Value,
            MainConcern = request.MainConcern ?? target.ConcernCodes.FirstOrDefault(OutreachCodes.Concerns.ContainsKey),
            HandedOffAt = now,
            HandedOffBy = http.User.SubjectId(),
        };
        db.HandOffs.Add(handOff);
        if (target.Stage != OutreachCodes.Stage.Connecting) db.Publish(target.MoveTo(OutreachCodes.Stage.Connecting, null, now));
        db.Publish(request.Destination == "intake"
            ? new OutreachHandedOff(Guid.CreateVersion7(), now, target.TenantCode, targetId, target.DistrictCode, handOff.MainConcern, ConsentRecorded: true)
            : new OutreachReportedToSupportCase(Guid.CreateVersion7(), now, target.TenantCode, targetId, handOff.Id, target.SupportCaseId, ConsentRecorded: true));
        db.AuditEntries.Add(AuditEntry.For(http, "hand_off", "outreach_target", targetId, rule: "consent"));
        try
        {
            if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The target changed while handing off; read it again.");
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"The target was already handed off to 「{OutreachCodes.HandOffDestinations[request.Destination]}」.");
        }
        return TypedResults.Created($"/api/outreach/targets/{targetId}/hand-offs/{handOff.Id}", HandOffResponse.From(handOff));
    }

    private static async Task<Results<Ok<Page<HandOffResponse>>, NotFound, ValidationProblem>> List(
        Guid targetId, OutreachDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!await db.Targets.AnyAsync(t => t.Id == targetId, cancellationToken)) return TypedResults.NotFound();
        var query = db.HandOffs.AsNoTracking().Where(h => h.TargetId == targetId);
        var rows = await query.PageOf(page, h => h.Id).ToListAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.For(http, "search", "outreach_target", targetId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, h => h.Id, HandOffResponse.From));
    }
}
