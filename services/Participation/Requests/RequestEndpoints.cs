using System.ComponentModel.DataAnnotations;
using Jusou.Participation.Codes;
using Jusou.Participation.Opportunities;

namespace Jusou.Participation.Requests;

/// <summary>A request as a coordinator opens it directly, or the person's wishes as they become known (PUT replaces them).</summary>
public sealed record ParticipationRequestBody(
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    IReadOnlyList<string>? WishedKinds = null,
    IReadOnlyList<string>? Days = null,
    IReadOnlyList<string>? TimeSlots = null,
    IReadOnlyList<string>? NeededAccommodations = null,
    int? Age = null,
    bool? WantsPaid = null,
    [property: MaxLength(ParticipationRequestBody.TextMaxLength)] string? Wishes = null,
    [property: MaxLength(ParticipationRequestBody.TextMaxLength)] string? Constraints = null,
    [property: MaxLength(Lengths.Staff)] string? Coordinator = null,
    Guid? PersonId = null,
    Guid? SupportCaseId = null,
    DateOnly? DueOn = null)
{
    public const int TextMaxLength = 4000;

    public Validation Validate()
    {
        var validation = new Validation().Limits(this);
        CodeLists.Check(validation, "wishedKinds", WishedKinds, ParticipationCodes.OpportunityKinds);
        CodeLists.Check(validation, "days", Days, ParticipationCodes.Days);
        CodeLists.Check(validation, "timeSlots", TimeSlots, ParticipationCodes.TimeSlots);
        CodeLists.Check(validation, "neededAccommodations", NeededAccommodations, ParticipationCodes.Accommodations);
        if (Age is < 0 or > 130) validation.Add("age", "age is between 0 and 130.");
        return validation;
    }

    public void ApplyTo(ParticipationRequest request)
    {
        request.DistrictCode = string.IsNullOrWhiteSpace(DistrictCode) ? null : DistrictCode.Trim();
        request.WishedKinds = CodeLists.Ordered(WishedKinds, ParticipationCodes.OpportunityKinds);
        request.Days = CodeLists.Ordered(Days, ParticipationCodes.Days);
        request.TimeSlots = CodeLists.Ordered(TimeSlots, ParticipationCodes.TimeSlots);
        request.NeededAccommodations = CodeLists.Ordered(NeededAccommodations, ParticipationCodes.Accommodations);
        request.Age = Age;
        request.WantsPaid = WantsPaid;
        request.Wishes = Validation.Normalize(Wishes);
        request.Constraints = Validation.Normalize(Constraints);
        request.Coordinator = string.IsNullOrWhiteSpace(Coordinator) ? null : Coordinator.Trim();
        // Ids from the event that opened the request are facts of its source; a direct request may be tied to them.
        if (request.Source == "direct")
        {
            request.PersonId = PersonId;
            request.SupportCaseId = SupportCaseId;
        }
        request.DueOn = DueOn ?? request.DueOn;
    }
}

/// <summary>Closing a request (終了) needs a reason; reopening ("open") does not.</summary>
public sealed record RequestStatusBody(string Status, string? ClosureReason = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Require("status", Status).OneOf("closureReason", ClosureReason, ParticipationCodes.RequestClosureReasons);
        if (Status is not null and not ("open" or "closed")) validation.Add("status", "status is open or closed (参加中 follows from placements).");
        if (Status == ParticipationCodes.RequestStatus.Closed && ClosureReason is null) validation.Add("closureReason", "Closing needs a closureReason.");
        if (Status == ParticipationCodes.RequestStatus.Open && ClosureReason is not null) validation.Add("closureReason", "A closureReason only goes with status closed.");
        return validation;
    }
}

public sealed record ParticipationRequestResponse(
    Guid Id, string Source, Guid? SourceId, Guid? SupportCaseId, Guid? PlanActionId, Guid? PersonId, string? DistrictCode,
    IReadOnlyList<string> NeedCodes, IReadOnlyList<string> WishedKinds, IReadOnlyList<string> Days, IReadOnlyList<string> TimeSlots,
    IReadOnlyList<string> NeededAccommodations, int? Age, bool? WantsPaid, string? Wishes, string? Constraints, string? Coordinator,
    DateOnly? DueOn, string Status, string? ClosureReason, DateTimeOffset? ClosedAt, DateTimeOffset? SupportCaseClosedAt, DateTimeOffset OpenedAt,
    string OpenedBy)
{
    public static ParticipationRequestResponse From(ParticipationRequest r) => new(r.Id, r.Source, r.SourceId, r.SupportCaseId,
        r.PlanActionId, r.PersonId, r.DistrictCode, r.NeedCodes, r.WishedKinds, r.Days, r.TimeSlots, r.NeededAccommodations, r.Age,
        r.WantsPaid, r.Wishes, r.Constraints, r.Coordinator, r.DueOn, r.Status, r.ClosureReason, r.ClosedAt, r.SupportCaseClosedAt, r.OpenedAt,
        r.OpenedBy);
}

public static class RequestEndpoints
{
    public static void MapRequests(this IEndpointRouteBuilder api)
    {
        var requests = api.MapGroup("/requests").WithTags("Requests (参加支援の依頼)");

        requests.MapPost("/", Open).WithIdempotency<ParticipationDbContext>().RequireRoles(ParticipationRoles.Writers)
            .WithName("OpenParticipationRequest")
            .WithSummary("Open a request directly with the person's wishes, constraints and 地区; approved plan actions and intake referrals open theirs through events.");
        requests.MapGet("/", List).RequireRoles(ParticipationRoles.Readers)
            .WithName("ListParticipationRequests")
            .WithSummary("Requests in id order; filter by status, source, 地区, coordinator or support case (each listed request is audited).");
        requests.MapGet("/{id:guid}", Get).RequireRoles(ParticipationRoles.Readers)
            .WithName("GetParticipationRequest").WithSummary("Read one request with the person's wishes (audited; ETag = version).");
        requests.MapPut("/{id:guid}", Update).RequiresIfMatch().RequireRoles(ParticipationRoles.Writers)
            .WithName("UpdateParticipationRequest")
            .WithSummary("Replace the person's wishes, constraints, 地区, schedule and needs; needs If-Match.");
        requests.MapPut("/{id:guid}/status", ChangeStatus).RequiresIfMatch().RequireRoles(ParticipationRoles.Writers)
            .WithName("ChangeParticipationRequestStatus")
            .WithSummary("Close a request (終了, with a reason) or reopen it; a request with a placement under way cannot close. Needs If-Match.");
    }

    private static async Task<Results<Created<ParticipationRequestResponse>, ValidationProblem>> Open(
        ParticipationRequestBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = body.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var request = new ParticipationRequest
        {
            Source = "direct",
            TenantCode = db.Tenant.Required,
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = http.User.SubjectId(),
        };
        body.ApplyTo(request);
        db.Requests.Add(request);
        db.Publish(request.Opened());
        db.AuditEntries.Add(AuditEntry.For(http, "create", "participation_request", request.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, request.Version);
        return TypedResults.Created($"/api/participation/requests/{request.Id}", ParticipationRequestResponse.From(request));
    }

    private static async Task<Results<Ok<Page<ParticipationRequestResponse>>, ValidationProblem>> List(
        ParticipationDbContext db, HttpContext http, string? status, string? source, string? district, string? coordinator, Guid? supportCaseId,
        int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation().OneOf("status", status, ParticipationCodes.RequestStatuses)
            .OneOf("source", source, ParticipationCodes.RequestSources);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);

        var query = db.Requests.AsNoTracking();
        if (status is not null) query = query.Where(r => r.Status == status);
        if (source is not null) query = query.Where(r => r.Source == source);
        if (!string.IsNullOrEmpty(district)) query = query.Where(r => r.DistrictCode == district);
        if (!string.IsNullOrEmpty(coordinator)) query = query.Where(r => r.Coordinator == coordinator);
        if (supportCaseId is { } supportCase) query = query.Where(r => r.SupportCaseId == supportCase);
        var rows = await query.PageOf(page, r => r.Id).ToListAsync(cancellationToken);

        var result = page.ToPage(rows, r => r.Id, ParticipationRequestResponse.From);
        await db.AuditReadsAsync(http, "search", "participation_request", result.Items.Select(r => r.Id), cancellationToken);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<ParticipationRequestResponse>, NotFound>> Get(
        Guid id, ParticipationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "participation_request", id, request.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(ParticipationRequestResponse.From(request));
    }

    private static async Task<Results<Ok<ParticipationRequestResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ParticipationRequestBody body, ParticipationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = body.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(request, version)) return ETags.Stale();
        if (request.Status == ParticipationCodes.RequestStatus.Closed) return Problems.Conflict("The request is closed (終了); reopen it first.");

        body.ApplyTo(request);
        db.AuditEntries.Add(AuditEntry.For(http, "update", "participation_request", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, request.Version);
        return TypedResults.Ok(ParticipationRequestResponse.From(request));
    }

    private static async Task<Results<Ok<ParticipationRequestResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, RequestStatusBody body, ParticipationDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = body.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var request = await db.Requests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(request, version)) return ETags.Stale();
        if (body.Status == ParticipationCodes.RequestStatus.Closed)
        {
            if (request.Status == ParticipationCodes.RequestStatus.Closed) return Problems.Conflict("The request is already closed.");
            if (await db.Placements.AnyAsync(p => p.RequestId == id && p.Stage != ParticipationCodes.Stage.Ended, cancellationToken))
                return Problems.Conflict("A placement is under way; end it before closing the request.");
            request.Status = ParticipationCodes.RequestStatus.Closed;
            request.ClosureReason = body.ClosureReason;
            request.ClosedAt = clock.GetUtcNow();
        }
        else
        {
            if (request.Status != ParticipationCodes.RequestStatus.Closed) return Problems.Conflict("Only a closed request can be reopened.");
            request.Status = ParticipationCodes.RequestStatus.Open;
            request.ClosureReason = null;
            request.ClosedAt = null;
        }
        db.AuditEntries.Add(AuditEntry.For(http, "change_status", "participation_request", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, request.Version);
        return TypedResults.Ok(ParticipationRequestResponse.From(request));
    }
}
