using System.ComponentModel.DataAnnotations;
using Jusou.Contracts.Participation;
using Jusou.Participation.Codes;

namespace Jusou.Participation.Placements;

/// <summary>A 定着支援 check-in; without <see cref="NextDueOn"/> the next is due the placement's interval after this one.</summary>
public sealed record CheckInBody(
    string Method,
    string Condition,
    DateOnly? HeldOn = null,
    [property: MaxLength(CheckInBody.NotesMaxLength)] string? Notes = null,
    DateOnly? NextDueOn = null)
{
    public const int NotesMaxLength = 4000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("method", Method)
            .OneOf("method", Method, ParticipationCodes.CheckInMethods)
            .Require("condition", Condition)
            .OneOf("condition", Condition, ParticipationCodes.CheckInConditions);
        var today = JapanDate.Today(clock);
        if (HeldOn is { } held && held > today) validation.Add("heldOn", "heldOn cannot be in the future.");
        if (NextDueOn is { } next && next <= (HeldOn ?? today)) validation.Add("nextDueOn", "nextDueOn must be after the check-in.");
        return validation;
    }
}

/// <summary>A check-in; <see cref="Notes"/> is for coordinators and managers.</summary>
public sealed record CheckInResponse(
    Guid Id, Guid PlacementId, DateOnly HeldOn, string Method, string Condition, string? Notes, DateOnly? NextDueOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static CheckInResponse From(CheckIn c) => new(c.Id, c.PlacementId, c.HeldOn, c.Method, c.Condition, c.Notes, c.NextDueOn, c.RecordedBy, c.RecordedAt);
}

/// <summary>One line of the overdue list: which placement, where, who follows it, and how late the check-in is.</summary>
public sealed record OverdueCheckIn(
    Guid PlacementId, Guid RequestId, Guid OpportunityId, Guid? SupportCaseId, string Stage, string? SupportWorker,
    DateOnly NextCheckInOn, DateOnly? LastCheckInOn, int DaysOverdue);

/// <summary>伴走型カウンセリング session as logged.</summary>
public sealed record SessionBody(
    string Kind,
    DateOnly? HeldOn = null,
    int? DurationMinutes = null,
    Guid? PlacementId = null,
    [property: MaxLength(SessionBody.NotesMaxLength)] string? Notes = null)
{
    public const int NotesMaxLength = 4000;

    public Validation Validate(TimeProvider clock)
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind)
            .OneOf("kind", Kind, ParticipationCodes.SessionKinds);
        if (HeldOn is { } held && held > JapanDate.Today(clock)) validation.Add("heldOn", "heldOn cannot be in the future.");
        if (DurationMinutes is < 1 or > 1440) validation.Add("durationMinutes", "durationMinutes is between 1 and 1440.");
        return validation;
    }
}

public sealed record SessionResponse(
    Guid Id, Guid RequestId, Guid? PlacementId, DateOnly HeldOn, string Kind, int? DurationMinutes, string? Notes, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static SessionResponse From(CounsellingSession s) => new(s.Id, s.RequestId, s.PlacementId, s.HeldOn, s.Kind, s.DurationMinutes, s.Notes, s.RecordedBy, s.RecordedAt);
}

/// <summary>
/// 定着支援: check-ins on a schedule while a placement lasts, the list of those overdue (computed from each placement's
/// next due date, so it needs no background job), and 伴走型カウンセリング sessions with the person.
/// </summary>
public static class CheckInEndpoints
{
    public static void MapCheckIns(this IEndpointRouteBuilder api)
    {
        var checkIns = api.MapGroup("/placements/{placementId:guid}/check-ins").WithTags("Check-ins (定着支援)");
        checkIns.MapPost("/", Record).WithIdempotency<ParticipationDbContext>().RequireRoles(ParticipationRoles.Writers)
            .WithName("RecordCheckIn")
            .WithSummary("Record a 定着支援 check-in (how it is going, confidential notes) and when the next is due; announces PlacementCheckedIn.");
        checkIns.MapGet("/", List).RequireRoles(ParticipationRoles.Readers)
            .WithName("ListCheckIns").WithSummary("A placement's check-ins in id order (audited).");

        api.MapGet("/check-ins/overdue", Overdue).RequireRoles(ParticipationRoles.Readers).WithTags("Check-ins (定着支援)")
            .WithName("ListOverdueCheckIns")
            .WithSummary("Placements under way whose next check-in date has passed, in placement id order; filter by support worker.");

        var sessions = api.MapGroup("/requests/{requestId:guid}/sessions").WithTags("Counselling (伴走型カウンセリング)");
        sessions.MapPost("/", RecordSession).WithIdempotency<ParticipationDbContext>().RequireRoles(ParticipationRoles.Writers)
            .WithName("RecordCounsellingSession")
            .WithSummary("Log a 伴走型カウンセリング session with the person (個別面談, 同行, 家族面談, 三者面談 …), optionally for one placement.");
        sessions.MapGet("/", ListSessions).RequireRoles(ParticipationRoles.Readers)
            .WithName("ListCounsellingSessions").WithSummary("A request's counselling sessions in id order (audited).");
    }

    private static async Task<Results<Created<CheckInResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Record(
        Guid placementId, CheckInBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = body.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var placement = await db.Placements.FirstOrDefaultAsync(p => p.Id == placementId, cancellationToken);
        if (placement is null) return TypedResults.NotFound();
        var heldOn = body.HeldOn ?? JapanDate.Today(clock);
        if (heldOn < placement.StartedOn)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["heldOn"] = ["heldOn cannot be before the placement started."] });
        if (!placement.IsActive) return Problems.Conflict("The placement has ended (終了); 定着支援 check-ins stop with it.");

        var now = clock.GetUtcNow();
        var nextDue = body.NextDueOn ?? heldOn.AddDays(placement.CheckInIntervalDays);
        var checkIn = new CheckIn
        {
            TenantCode = placement.TenantCode,
            PlacementId = placementId,
            HeldOn = heldOn,
            Method = body.Method,
            Condition = body.Condition,
            Notes = Validation.Normalize(body.Notes),
            NextDueOn = nextDue,
            RecordedBy = http.User.SubjectId(),
            RecordedAt = now,
        };
        db.CheckIns.Add(checkIn);
        // The latest check-in sets the schedule: one recorded late for an earlier day does not move it back.
        if (placement.LastCheckInOn is null || heldOn >= placement.LastCheckInOn)
        {
            placement.LastCheckInOn = heldOn;
            placement.NextCheckInOn = nextDue;
        }
        db.Publish(new PlacementCheckedIn(Guid.CreateVersion7(), now, placement.TenantCode, placementId, placement.SupportCaseId, heldOn, nextDue));
        db.AuditEntries.Add(AuditEntry.For(http, "create", "check_in", checkIn.Id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The placement changed while recording; try again.");
        return TypedResults.Created($"/api/participation/placements/{placementId}/check-ins/{checkIn.Id}", CheckInResponse.From(checkIn));
    }

    private static async Task<Results<Ok<Page<CheckInResponse>>, NotFound, ValidationProblem>> List(
        Guid placementId, ParticipationDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!await db.Placements.AnyAsync(p => p.Id == placementId, cancellationToken)) return TypedResults.NotFound();
        var query = db.CheckIns.AsNoTracking().Where(c => c.PlacementId == placementId);
        var rows = await query.PageOf(page, c => c.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, c => c.Id, CheckInResponse.From);
        db.AuditEntries.Add(AuditEntry.For(http, "search", "placement", placementId));
        await db.AuditReadsAsync(http, "read", "check_in", result.Items.Select(c => c.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<Page<OverdueCheckIn>>, ValidationProblem>> Overdue(
        ParticipationDbContext db, HttpContext http, TimeProvider clock, string? supportWorker, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var today = JapanDate.Today(clock);
        var query = db.Placements.AsNoTracking().Where(p => p.Stage != ParticipationCodes.Stage.Ended && p.NextCheckInOn < today);
        if (!string.IsNullOrEmpty(supportWorker)) query = query.Where(p => p.SupportWorker == supportWorker);
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, p => p.Id, p => new OverdueCheckIn(p.Id, p.RequestId, p.OpportunityId, p.SupportCaseId, p.Stage,
            p.SupportWorker, p.NextCheckInOn!.Value, p.LastCheckInOn, today.DayNumber - p.NextCheckInOn.Value.DayNumber));
        await db.AuditReadsAsync(http, "search", "placement", result.Items.Select(p => p.PlacementId), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Created<SessionResponse>, NotFound, ValidationProblem>> RecordSession(
        Guid requestId, SessionBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = body.Validate(clock);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!await db.Requests.AnyAsync(r => r.Id == requestId, cancellationToken)) return TypedResults.NotFound();
        if (body.PlacementId is { } placementId && !await db.Placements.AnyAsync(p => p.Id == placementId && p.RequestId == requestId, cancellationToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["placementId"] = ["No placement of this request with that id."] });

        var session = new CounsellingSession
        {
            TenantCode = db.Tenant.Required,
            RequestId = requestId,
            PlacementId = body.PlacementId,
            HeldOn = body.HeldOn ?? JapanDate.Today(clock),
            Kind = body.Kind,
            DurationMinutes = body.DurationMinutes,
            Notes = Validation.Normalize(body.Notes),
            RecordedBy = http.User.SubjectId(),
            RecordedAt = clock.GetUtcNow(),
        };
        db.Sessions.Add(session);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "counselling_session", session.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/participation/requests/{requestId}/sessions/{session.Id}", SessionResponse.From(session));
    }

    private static async Task<Results<Ok<Page<SessionResponse>>, NotFound, ValidationProblem>> ListSessions(
        Guid requestId, ParticipationDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!await db.Requests.AnyAsync(r => r.Id == requestId, cancellationToken)) return TypedResults.NotFound();
        var query = db.Sessions.AsNoTracking().Where(s => s.RequestId == requestId);
        var rows = await query.PageOf(page, s => s.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, s => s.Id, SessionResponse.From);
        db.AuditEntries.Add(AuditEntry.For(http, "search", "participation_request", requestId));
        await db.AuditReadsAsync(http, "read", "counselling_session", result.Items.Select(s => s.Id), cancellationToken);
        return TypedResults.Ok(result);
    }
}
