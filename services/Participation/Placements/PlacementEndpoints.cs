using System.ComponentModel.DataAnnotations;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Placements;

/// <summary>
/// The coordinator's pick: place the request's person at an opportunity, starting at 見学 (or straight at 体験 /
/// 参加中). The first 定着支援 check-in is due <see cref="CheckInIntervalDays"/> after the start unless given.
/// </summary>
public sealed record PlacementBody(
    Guid RequestId,
    Guid OpportunityId,
    string Stage = ParticipationCodes.Stage.Visit,
    DateOnly? StartedOn = null,
    int CheckInIntervalDays = 14,
    DateOnly? FirstCheckInOn = null,
    [property: MaxLength(Lengths.Staff)] string? SupportWorker = null,
    [property: MaxLength(PlacementBody.HostNoteMaxLength)] string? HostNote = null)
{
    public const int HostNoteMaxLength = 1000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("stage", Stage)
            .OneOf("stage", Stage, ParticipationCodes.Stages);
        if (RequestId == Guid.Empty) validation.Add("requestId", "requestId is required.");
        if (OpportunityId == Guid.Empty) validation.Add("opportunityId", "opportunityId is required.");
        if (Stage == ParticipationCodes.Stage.Ended) validation.Add("stage", "A placement starts at visit, trial or participating.");
        if (CheckInIntervalDays is < 1 or > 365) validation.Add("checkInIntervalDays", "checkInIntervalDays is between 1 and 365.");
        if (StartedOn is { } started && started > JapanDate.Today(clock)) validation.Add("startedOn", "startedOn cannot be in the future.");
        if (FirstCheckInOn is { } first && first < (StartedOn ?? JapanDate.Today(clock))) validation.Add("firstCheckInOn", "firstCheckInOn cannot be before the start.");
        return validation;
    }
}

/// <summary>A stage change; 終了 needs a reason. <see cref="On"/> is the day it happened (default today).</summary>
public sealed record PlacementStageBody(string Stage, string? EndReason = null, DateOnly? On = null)
{
    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation()
            .Require("stage", Stage)
            .OneOf("stage", Stage, ParticipationCodes.Stages)
            .OneOf("endReason", EndReason, ParticipationCodes.EndReasons);
        if (Stage == ParticipationCodes.Stage.Ended && EndReason is null) validation.Add("endReason", "Ending (終了) needs an endReason.");
        if (Stage != ParticipationCodes.Stage.Ended && EndReason is not null) validation.Add("endReason", "An endReason only goes with stage ended.");
        if (On is { } on && on > JapanDate.Today(clock)) validation.Add("on", "on cannot be in the future.");
        return validation;
    }
}

/// <summary>Who follows the placement, how often, what the host is told, and when the next check-in is due.</summary>
public sealed record PlacementDetailsBody(
    int CheckInIntervalDays,
    DateOnly? NextCheckInOn = null,
    [property: MaxLength(Lengths.Staff)] string? SupportWorker = null,
    [property: MaxLength(PlacementBody.HostNoteMaxLength)] string? HostNote = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this);
        if (CheckInIntervalDays is < 1 or > 365) validation.Add("checkInIntervalDays", "checkInIntervalDays is between 1 and 365.");
        return validation;
    }
}

public sealed record PlacementResponse(
    Guid Id, Guid RequestId, Guid OpportunityId, Guid? SupportCaseId, string Stage, DateOnly StartedOn, DateOnly? TrialFrom,
    DateOnly? ParticipatingFrom, DateOnly? EndedOn, string? EndReason, int CheckInIntervalDays, DateOnly? NextCheckInOn,
    DateOnly? LastCheckInOn, bool CheckInOverdue, string? SupportWorker, string? HostNote, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PlacementResponse From(Placement p, DateOnly today) => new(p.Id, p.RequestId, p.OpportunityId, p.SupportCaseId,
        p.Stage, p.StartedOn, p.TrialFrom, p.ParticipatingFrom, p.EndedOn, p.EndReason, p.CheckInIntervalDays, p.NextCheckInOn,
        p.LastCheckInOn, p.IsOverdue(today), p.SupportWorker, p.HostNote, p.CreatedAt, p.CreatedBy);
}

public static class PlacementEndpoints
{
    public static void MapPlacements(this IEndpointRouteBuilder api)
    {
        var placements = api.MapGroup("/placements").WithTags("Placements (参加・定着支援)");

        placements.MapPost("/", Place).WithIdempotency<ParticipationDbContext>().RequireRoles(ParticipationRoles.Writers)
            .WithName("PlaceParticipant")
            .WithSummary("Place a request's person at an opportunity (見学, 体験 or 参加中); refused when the opportunity is closed (422) or full (409).");
        placements.MapGet("/", List).RequireRoles(ParticipationRoles.Readers)
            .WithName("ListPlacements")
            .WithSummary("Placements in id order; filter by request, opportunity, stage or support worker (each listed placement is audited).");
        placements.MapGet("/{id:guid}", Get).RequireRoles(ParticipationRoles.Readers)
            .WithName("GetPlacement").WithSummary("Read one placement (audited; ETag = version).");
        placements.MapPut("/{id:guid}", UpdateDetails).RequiresIfMatch().RequireRoles(ParticipationRoles.Writers)
            .WithName("UpdatePlacementDetails")
            .WithSummary("Replace who follows a placement, its 定着支援 interval, the next check-in date and the note for the host; needs If-Match.");
        placements.MapPut("/{id:guid}/stage", ChangeStage).RequiresIfMatch().RequireRoles(ParticipationRoles.Writers)
            .WithName("ChangePlacementStage")
            .WithSummary("Move a placement 見学 → 体験 → 参加中 → 終了 (with 定着, 就労へ移行, 本人希望, 不適合 …); into a full opportunity is 409. Needs If-Match.");
    }

    private static async Task<Results<Created<PlacementResponse>, ValidationProblem, ProblemHttpResult>> Place(
        PlacementBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = body.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == body.RequestId, cancellationToken);
        var opportunity = await db.Opportunities.FirstOrDefaultAsync(o => o.Id == body.OpportunityId, cancellationToken);
        if (request is null) validation.Add("requestId", $"No request {body.RequestId}.");
        if (opportunity is null) validation.Add("opportunityId", $"No opportunity {body.OpportunityId}.");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var today = JapanDate.Today(clock);
        // Placements are often recorded after the fact, so the start may precede the request's record.
        var startedOn = body.StartedOn ?? today;
        if (request!.Status == ParticipationCodes.RequestStatus.Closed) return Problems.Conflict("The request is closed (終了); reopen it first.");
        if (!opportunity!.IsOpen)
        {
            return Problems.Refused("The opportunity takes no new placements.",
                $"It is closed: {ParticipationCodes.ClosedReasons[opportunity.ClosedReason!]}.");
        }
        if (opportunity.IsFull) return Problems.Conflict($"The opportunity is full ({opportunity.CurrentUse} of {opportunity.Capacity} places in use).");
        if (await db.Placements.AnyAsync(p => p.RequestId == request.Id && p.OpportunityId == opportunity.Id && p.Stage != ParticipationCodes.Stage.Ended, cancellationToken))
            return Problems.Conflict("The person already has a placement under way at this opportunity.");

        var now = clock.GetUtcNow();
        var (placement, started) = Placement.Start(request, opportunity, body.Stage, startedOn, now, http.User.SubjectId());
        placement.CheckInIntervalDays = body.CheckInIntervalDays;
        placement.NextCheckInOn = body.FirstCheckInOn ?? startedOn.AddDays(body.CheckInIntervalDays);
        placement.SupportWorker = string.IsNullOrWhiteSpace(body.SupportWorker) ? null : body.SupportWorker.Trim();
        placement.HostNote = Validation.Normalize(body.HostNote);
        request.Status = ParticipationCodes.RequestStatus.Placed;
        opportunity.UpdatedAt = now;
        db.Placements.Add(placement);
        db.Publish(started);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "placement", placement.Id));
        // The opportunity's version guards its current use: a concurrent placement into the last place loses here.
        if (!await db.TrySaveChangesAsync(cancellationToken))
            return Problems.Conflict("The opportunity or request changed meanwhile (another placement?); read them again and retry.");
        ETags.Set(http, placement.Version);
        return TypedResults.Created($"/api/participation/placements/{placement.Id}", PlacementResponse.From(placement, today));
    }

    private static async Task<Results<Ok<Page<PlacementResponse>>, ValidationProblem>> List(
        ParticipationDbContext db, HttpContext http, TimeProvider clock, Guid? requestId, Guid? opportunityId, string? stage, string? supportWorker,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation().OneOf("stage", stage, ParticipationCodes.Stages);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);

        var query = db.Placements.AsNoTracking();
        if (requestId is { } request) query = query.Where(p => p.RequestId == request);
        if (opportunityId is { } opportunity) query = query.Where(p => p.OpportunityId == opportunity);
        if (stage is not null) query = query.Where(p => p.Stage == stage);
        if (!string.IsNullOrEmpty(supportWorker)) query = query.Where(p => p.SupportWorker == supportWorker);
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);

        var today = JapanDate.Today(clock);
        var result = page.ToPage(rows, p => p.Id, p => PlacementResponse.From(p, today));
        await db.AuditReadsAsync(http, "search", "placement", result.Items.Select(p => p.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<PlacementResponse>, NotFound>> Get(
        Guid id, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var placement = await db.Placements.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "placement", id, placement.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(PlacementResponse.From(placement, JapanDate.Today(clock)));
    }

    private static async Task<Results<Ok<PlacementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateDetails(
        Guid id, PlacementDetailsBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = body.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null) return TypedResults.NotFound();
        // Checked here too: a change that alters nothing writes nothing, and so would not meet the row version.
        if (!db.IsAtVersion(placement, version)) return ETags.Stale();
        if (body.NextCheckInOn is { } next && next < placement.StartedOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["nextCheckInOn"] = ["nextCheckInOn cannot be before the placement started."] });
        if (!placement.IsActive) return Problems.Conflict("The placement has ended (終了).");

        placement.CheckInIntervalDays = body.CheckInIntervalDays;
        // Without a date, the schedule follows the new interval from the last check-in (or the start).
        placement.NextCheckInOn = body.NextCheckInOn ?? (placement.LastCheckInOn ?? placement.StartedOn).AddDays(body.CheckInIntervalDays);
        placement.SupportWorker = string.IsNullOrWhiteSpace(body.SupportWorker) ? null : body.SupportWorker.Trim();
        placement.HostNote = Validation.Normalize(body.HostNote);
        db.AuditEntries.Add(AuditEntry.For(http, "update", "placement", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, placement.Version);
        return TypedResults.Ok(PlacementResponse.From(placement, JapanDate.Today(clock)));
    }

    private static async Task<Results<Ok<PlacementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStage(
        Guid id, PlacementStageBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = body.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (placement is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(placement, version)) return ETags.Stale();
        var today = JapanDate.Today(clock);
        var on = body.On ?? today;
        if (on < placement.StartedOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["on"] = ["on cannot be before the placement started."] });
        if (!placement.CanMoveTo(body.Stage))
        {
            return Problems.Conflict(
                $"A placement at 「{ParticipationCodes.Stages[placement.Stage]}」 cannot move to 「{ParticipationCodes.Stages[body.Stage]}」.");
        }
        var opportunity = await db.Opportunities.FirstAsync(o => o.Id == placement.OpportunityId, cancellationToken);
        var takesPlace = !ParticipationCodes.CapacityStages.Contains(placement.Stage) && ParticipationCodes.CapacityStages.Contains(body.Stage);
        if (takesPlace && opportunity.IsFull)
            return Problems.Conflict($"The opportunity is full ({opportunity.CurrentUse} of {opportunity.Capacity} places in use).");

        var now = clock.GetUtcNow();
        db.Publish(placement.MoveTo(body.Stage, body.EndReason, on, opportunity, now));
        opportunity.UpdatedAt = now;
        if (body.Stage == ParticipationCodes.Stage.Ended)
        {
            // Goal reached: participation support for this request ends; otherwise the coordinator looks for another place.
            var request = await db.Requests.FirstAsync(r => r.Id == placement.RequestId, cancellationToken);
            var othersUnderWay = await db.Placements.AnyAsync(p => p.RequestId == request.Id && p.Id != id && p.Stage != ParticipationCodes.Stage.Ended, cancellationToken);
            if (ParticipationCodes.SuccessfulEndReasons.Contains(body.EndReason!) && !othersUnderWay)
            {
                request.Status = ParticipationCodes.RequestStatus.Closed;
                request.ClosureReason = "achieved";
                request.ClosedAt = now;
            }
            else if (!othersUnderWay && request.Status == ParticipationCodes.RequestStatus.Placed)
            {
                request.Status = ParticipationCodes.RequestStatus.Open;
            }
        }
        db.AuditEntries.Add(AuditEntry.For(http, "change_stage", "placement", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, placement.Version);
        return TypedResults.Ok(PlacementResponse.From(placement, today));
    }
}
