using Jusou.ServiceKit.Organisations;
using Jusou.MultiAgency.Cases;
using Npgsql;

namespace Jusou.MultiAgency.Meetings;

/// <summary>
/// Meetings (会議). Coordinators record them; the minutes and per-case notes of a 支援会議 (法106条の6) are confidential
/// to its members: anyone else is refused (403), and both the reads and the refusals are audited.
/// </summary>
public static class MeetingEndpoints
{
    private static readonly string[] Readers = [JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];
    private static readonly string[] Listers = [JusouRoles.Coordinator, JusouRoles.Manager];
    private const string Path = "/api/multiagency/meetings";

    public static void MapMeetings(this IEndpointRouteBuilder api)
    {
        var meetings = api.MapGroup("/meetings").WithTags("Meetings (会議)");

        meetings.MapPost("/", Create).WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.Coordinator)
            .WithName("CreateMeeting")
            .WithSummary("Record a meeting: type, date, attendees, the cases discussed with their decisions (方針), minutes.");
        meetings.MapGet("/", List).RequireRoles(Listers)
            .WithName("ListMeetings")
            .WithSummary("Meetings of a month (?month=2021-05) or period (?from&to), of a type; date, type and counts only.");
        meetings.MapGet("/{id:guid}", Get).RequireRoles(Readers)
            .WithName("GetMeeting")
            .WithSummary("Read one meeting (ETag = version). A 支援会議 is readable by its members only.");
        meetings.MapPatch("/{id:guid}", Patch).RequiresIfMatch().RequireRoles(JusouRoles.Coordinator)
            .WithName("PatchMeeting")
            .WithSummary("Correct the date or record the minutes (議事録); needs If-Match.");
        meetings.MapPost("/{id:guid}/items", AddItem).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.Coordinator)
            .WithName("AddMeetingItem")
            .WithSummary("Add a case discussed (検討) with its stream and decision; needs If-Match of the meeting.");
        meetings.MapPut("/{id:guid}/items/{itemId:guid}", UpdateItem).RequiresIfMatch().RequireRoles(JusouRoles.Coordinator)
            .WithName("UpdateMeetingItem")
            .WithSummary("Replace a discussion item's stream, decision (方針) and note; needs If-Match of the meeting.");
        meetings.MapDelete("/{id:guid}/items/{itemId:guid}", RemoveItem).RequiresIfMatch().RequireRoles(JusouRoles.Coordinator)
            .WithName("RemoveMeetingItem")
            .WithSummary("Remove a case recorded by mistake; needs If-Match of the meeting.");
        meetings.MapPost("/{id:guid}/attendees", AddAttendee).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>().RequireRoles(JusouRoles.Coordinator)
            .WithName("AddMeetingAttendee")
            .WithSummary("Add an attendee (organisation, role, optionally the person's subject id); needs If-Match of the meeting.");
        meetings.MapDelete("/{id:guid}/attendees/{attendeeId:guid}", RemoveAttendee).RequiresIfMatch().RequireRoles(JusouRoles.Coordinator)
            .WithName("RemoveMeetingAttendee")
            .WithSummary("Remove an attendee; needs If-Match of the meeting.");
    }

    private static async Task<Results<Created<MeetingResponse>, ValidationProblem, ProblemHttpResult>> Create(
        MeetingRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        var attendees = request.Attendees ?? [];
        for (var i = 0; i < attendees.Count && i < MeetingRequest.MaxAttendees; i++)
        {
            if (attendees[i] is { } attendee) await validation.CheckOrganisation(db, $"attendees[{i}].organisationCode", attendee.OrganisationCode, cancellationToken);
        }
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var itemRequests = request.Items ?? [];
        var cases = await CasesOf(db, itemRequests.Select(i => i.CaseId!.Value), cancellationToken);
        if (MissingCases(itemRequests.Select(i => i.CaseId!.Value), cases) is { } refusal) return refusal;
        if (await RefuseDecisions(db, http, itemRequests.Select(i => (i.CaseId!.Value, i.Decision)), cases, cancellationToken) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var by = http.User.SubjectId();
        var meeting = Meeting.Create(request.Date!.Value, request.Type, by, now);
        meeting.Minutes = Validation.Normalize(request.Minutes);
        foreach (var attendee in request.Attendees ?? []) meeting.Attendees.Add(NewAttendee(meeting, attendee));
        foreach (var item in itemRequests)
        {
            var supportCase = cases[item.CaseId!.Value];
            var discussed = meeting.Discuss(supportCase.Id, item.Stream ?? MeetingCodes.DefaultStreamFor(supportCase.Track),
                item.Decision, Validation.Normalize(item.Note));
            db.CaseTimeline.Add(TimelineEntry(meeting, discussed));
            MeetingDecisions.Record(db, meeting, discussed, supportCase, by, now);
        }
        db.Meetings.Add(meeting);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "meeting", meeting.Id, RuleOf(meeting)));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("A case discussed changed meanwhile; record the meeting again.");
        ETags.Set(http, meeting.Version);
        return TypedResults.Created($"{Path}/{meeting.Id}", MeetingResponse.From(meeting));
    }

    private static async Task<Results<Ok<Page<MeetingSummary>>, ValidationProblem>> List(
        MultiAgencyDbContext db, DateOnly? from, DateOnly? to, string? month, string? type, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().OneOf("type", type, MeetingCodes.Types);
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors))
        {
            foreach (var (field, messages) in errors) foreach (var message in messages) validation.Add(field, message);
        }
        if (!Period.TryRead(from, to, month, validation, out var start, out var end)) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.Meetings.AsNoTracking();
        if (start is { } s) query = query.Where(m => m.Date >= s);
        if (end is { } e) query = query.Where(m => m.Date <= e);
        if (type is not null) query = query.Where(m => m.Type == type);
        // Counts only: listing must not reveal who was discussed or what was said.
        var rows = await query.PageOf(page, m => m.Id)
            .Select(m => new MeetingSummary(m.Id, m.Date, m.Type, m.Attendees.Count, m.Items.Count, m.Items.Count(i => i.Decision != null)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, m => m.Id, m => m));
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ProblemHttpResult>> Get(
        Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var meeting = await Load(db, id, tracking: false, cancellationToken);
        if (meeting is null) return TypedResults.NotFound();
        if (await RefuseNonMember(db, http, meeting, "read_denied", cancellationToken) is { } refused) return refused;

        await db.AuditReadAsync(http, "meeting", id, meeting.Version, rule: RuleOf(meeting), cancellationToken: cancellationToken);
        return TypedResults.Ok(MeetingResponse.From(meeting));
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, MeetingPatch patch, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = patch.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;

        if (patch.Date is { } date) meeting.Reschedule(date);
        if (patch.Minutes is not null) meeting.Minutes = Validation.Normalize(patch.Minutes);
        var (saved, stale) = await Save(db, http, meeting, "update", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Ok(saved);
    }

    private static async Task<Results<Created<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddItem(
        Guid id, MeetingItemRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = new Validation().Limits(request);
        request.Validate(validation, "");
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;
        var caseId = request.CaseId!.Value;
        var cases = await CasesOf(db, [caseId], cancellationToken);
        if (MissingCases([caseId], cases) is { } refusal) return refusal;
        if (meeting.Items.Any(i => i.CaseId == caseId)) return Problems.Conflict("The case is already on this meeting's list; change that item instead.");
        if (await RefuseDecisions(db, http, [(caseId, request.Decision)], cases, cancellationToken) is { } refused) return refused;

        var item = meeting.Discuss(caseId, request.Stream ?? MeetingCodes.DefaultStreamFor(cases[caseId].Track), request.Decision,
            Validation.Normalize(request.Note));
        db.CaseTimeline.Add(TimelineEntry(meeting, item));
        MeetingDecisions.Record(db, meeting, item, cases[caseId], http.User.SubjectId(), clock.GetUtcNow());
        var (saved, stale) = await Save(db, http, meeting, "add_item", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Created($"{Path}/{id}", saved);
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateItem(
        Guid id, Guid itemId, MeetingItemUpdate update, MultiAgencyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = update.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;
        var item = meeting.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null) return TypedResults.NotFound();

        var cases = await CasesOf(db, [item.CaseId], cancellationToken);
        if (MissingCases([item.CaseId], cases) is { } missing) return missing;
        var supportCase = cases[item.CaseId];
        var decided = item.Decision != update.Decision;
        if (decided && await RefuseDecisions(db, http, [(item.CaseId, update.Decision)], cases, cancellationToken) is { } refused) return refused;

        item.Stream = update.Stream;
        item.Note = Validation.Normalize(update.Note);
        if (decided)
        {
            var now = clock.GetUtcNow();
            var by = http.User.SubjectId();
            await MeetingDecisions.WithdrawAsync(db, meeting, item, supportCase, update.Decision is null ? "cleared" : "changed", by, now,
                cancellationToken);
            item.Decision = update.Decision;
            MeetingDecisions.Record(db, meeting, item, supportCase, by, now);
            db.CaseTimeline.Add(TimelineEntry(meeting, item));
        }
        var (saved, stale) = await Save(db, http, meeting, "update_item", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Ok(saved);
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ProblemHttpResult>> RemoveItem(
        Guid id, Guid itemId, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;
        var item = meeting.Items.FirstOrDefault(i => i.Id == itemId);
        if (item is null) return TypedResults.NotFound();

        if (item.DecisionId is not null && (await CasesOf(db, [item.CaseId], cancellationToken)).GetValueOrDefault(item.CaseId) is { } supportCase)
        {
            await MeetingDecisions.WithdrawAsync(db, meeting, item, supportCase, "item_removed", http.User.SubjectId(), clock.GetUtcNow(),
                cancellationToken);
        }
        meeting.Items.Remove(item);
        db.Remove(item);
        var (saved, stale) = await Save(db, http, meeting, "remove_item", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Ok(saved);
    }

    private static async Task<Results<Created<MeetingResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddAttendee(
        Guid id, AttendeeRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = new Validation().Limits(request);
        request.Validate(validation, "");
        await validation.CheckOrganisation(db, "organisationCode", request.OrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;

        meeting.Attendees.Add(NewAttendee(meeting, request));
        var (saved, stale) = await Save(db, http, meeting, "add_attendee", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Created($"{Path}/{id}", saved);
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ProblemHttpResult>> RemoveAttendee(
        Guid id, Guid attendeeId, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var (meeting, failure) = await LoadForChange(db, http, id, version, cancellationToken);
        if (meeting is null) return failure!;
        var attendee = meeting.Attendees.FirstOrDefault(a => a.Id == attendeeId);
        if (attendee is null) return TypedResults.NotFound();

        meeting.Attendees.Remove(attendee);
        db.Remove(attendee);
        var (saved, stale) = await Save(db, http, meeting, "remove_attendee", clock, cancellationToken);
        return saved is null ? stale! : TypedResults.Ok(saved);
    }

    private static MeetingAttendee NewAttendee(Meeting meeting, AttendeeRequest request) => new()
    {
        MeetingId = meeting.Id,
        OrganisationCode = Validation.Normalize(request.OrganisationCode.Trim())!,
        Role = request.Role,
        SubjectId = string.IsNullOrWhiteSpace(request.SubjectId) ? null : request.SubjectId.Trim(),
    };

    /// <summary>
    /// The case's timeline shows that, when and where it was discussed and what was decided — codes only: what was said
    /// stays in the meeting, with its confidentiality.
    /// </summary>
    private static CaseTimelineEntry TimelineEntry(Meeting meeting, MeetingItem item) => new()
    {
        CaseId = item.CaseId,
        At = JapanDate.StartOf(meeting.Date),
        Source = "multiagency",
        Kind = "discussed_at_meeting",
        Detail = item.Decision,
        RecordId = meeting.Id,
    };

    /// <summary>Which rule allows the access, for the audit trail.</summary>
    private static string RuleOf(Meeting meeting) => meeting.IsSupportMeeting ? MeetingCodes.SupportMeeting : AuditEntry.RoleInTenant;

    /// <summary>
    /// 守秘義務 of the 支援会議: only its members see (or change) what was said. A refusal is written to the audit trail,
    /// since an attempt to read confidential minutes is itself worth knowing about.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefuseNonMember(MultiAgencyDbContext db, HttpContext http, Meeting meeting, string action,
        CancellationToken cancellationToken)
    {
        if (!meeting.IsSupportMeeting || meeting.HasMember(http.User.SubjectId(), http.User.OrganisationCode())) return null;
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(AuditEntry.For(http, action, "meeting", meeting.Id, MeetingCodes.SupportMeeting));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
            title: "Only the members of this 支援会議 may see or change it.",
            detail: "The 支援会議 (社会福祉法第106条の6) binds its members to 守秘義務; you are not among its attendees. The attempt was recorded.");
    }

    private static Task<Meeting?> Load(MultiAgencyDbContext db, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Meetings.Include(m => m.Attendees).Include(m => m.Items).AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
    }

    /// <summary>Loads a meeting to change: 404 when absent, 403 for a non-member of a 支援会議, 412 when the version is stale.</summary>
    private static async Task<(Meeting? Meeting, ProblemHttpResult? Failure)> LoadForChange(
        MultiAgencyDbContext db, HttpContext http, Guid id, IfMatch version, CancellationToken cancellationToken)
    {
        var meeting = await Load(db, id, tracking: true, cancellationToken);
        if (meeting is null)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such meeting."));
        }
        if (await RefuseNonMember(db, http, meeting, "write_denied", cancellationToken) is { } refused) return (null, refused);
        if (!db.IsAtVersion(meeting, version)) return (null, ETags.Stale());
        return (meeting, null);
    }

    private static async Task<(MeetingResponse? Saved, ProblemHttpResult? Stale)> Save(
        MultiAgencyDbContext db, HttpContext http, Meeting meeting, string action, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Touching the meeting row makes every change, also of its attendees and items, a new version of the meeting.
        meeting.UpdatedAt = clock.GetUtcNow();
        db.AuditEntries.Add(AuditEntry.For(http, action, "meeting", meeting.Id, RuleOf(meeting)));
        try
        {
            if (!await db.TrySaveChangesAsync(cancellationToken)) return (null, ETags.Stale());
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent writer added the same case to this meeting first: the meeting has changed since it was read.
            return (null, ETags.Stale());
        }
        ETags.Set(http, meeting.Version);
        return (MeetingResponse.From(meeting), null);
    }

    /// <summary>
    /// Each given case that exists in this tenant (the tenant filter hides the others), tracked: a decision may move it on.
    /// </summary>
    private static async Task<Dictionary<Guid, SupportCase>> CasesOf(MultiAgencyDbContext db, IEnumerable<Guid> caseIds, CancellationToken cancellationToken)
    {
        var ids = caseIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.SupportCases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
    }

    /// <summary>
    /// The consent rule (<see cref="DecisionSharing"/>) on each decision: the first refused one is a 422 naming the rule,
    /// nothing of the request is stored, and the refusal is written to the audit trail with the rule.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefuseDecisions(MultiAgencyDbContext db, HttpContext http,
        IEnumerable<(Guid CaseId, string? Decision)> decisions, Dictionary<Guid, SupportCase> cases, CancellationToken cancellationToken)
    {
        foreach (var (caseId, decision) in decisions)
        {
            if (decision is null || DecisionSharing.Refusal(cases[caseId].Track, decision) is not { } refusal) continue;
            return await (refusal with { Facts = new Dictionary<string, object?> { ["caseId"] = caseId, ["decision"] = decision } })
                .RefuseAsync(db, http, "decide", "support_case", caseId, cancellationToken);
        }
        return null;
    }

    private static ProblemHttpResult? MissingCases<TCase>(IEnumerable<Guid> caseIds, Dictionary<Guid, TCase> found)
    {
        var missing = caseIds.Where(id => !found.ContainsKey(id)).Distinct().ToList();
        return missing.Count == 0
            ? null
            : Problems.Refused("A case discussed does not exist.",
                $"No support case {string.Join(", ", missing)} in this municipality: a meeting can only discuss recorded cases.");
    }
}
