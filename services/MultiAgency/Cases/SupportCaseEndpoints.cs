using Jusou.MultiAgency.Plans;
using Jusou.ServiceKit.Organisations;
using Jusou.Contracts.MultiAgency;
using Jusou.MultiAgency.Consents;
using Jusou.MultiAgency.HandOffs;
using Npgsql;

namespace Jusou.MultiAgency.Cases;

public static class SupportCaseEndpoints
{
    public static void MapSupportCases(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Support cases (支援ケース)").RequireRoles(CaseAccess.Readers);

        cases.MapPost("/", Open).WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("OpenSupportCase")
            .WithSummary("Open a support case directly (受付), on the 支援会議 or the consented track; the caller coordinates unless another coordinator is named.");
        cases.MapGet("/", List)
            .WithName("ListSupportCases")
            .WithSummary("List support cases, oldest first; filter by the Intake consultation they came from, status, track, 地区 " +
                "(district), coordinator or an organisation with a live involvement (organisationCode).");
        cases.MapGet("/{id:guid}", Get)
            .WithName("GetSupportCase")
            .WithSummary("Read one support case with its status and track history and the organisations involved (ETag = version).");
        cases.MapPatch("/{id:guid}", Patch).RequiresIfMatch().RequireRoles(CaseAccess.Writers)
            .WithName("ChangeSupportCase")
            .WithSummary("Change a case's codes (相談内容, 相談経路, 世帯類型, 地区) or its coordinator; needs If-Match.");
        cases.MapPost("/{id:guid}/status", ChangeStatus).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("ChangeSupportCaseStatus")
            .WithSummary("Move a case along 受付 → アセスメント → プラン作成 → 支援中 → モニタリング → 終結, suspend it (中断) and resume it to the status it left, or reopen it; needs If-Match.");
        cases.MapPost("/{id:guid}/track", ChangeTrack).RequiresIfMatch().WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("ChangeSupportCaseTrack")
            .WithSummary("Move a case between the 支援会議 track (no consent yet, 法106条の6) and the consented track; needs If-Match.");
        cases.MapPost("/{id:guid}/involvements", AddInvolvement).WithIdempotency<MultiAgencyDbContext>().RequireRoles(CaseAccess.Writers)
            .WithName("AddCaseInvolvement")
            .WithSummary("An organisation takes a role (役割: 主担当, 連携, 情報提供 …) in the case.");
        cases.MapPost("/{id:guid}/involvements/{involvementId:guid}/end", EndInvolvement).WithIdempotency<MultiAgencyDbContext>()
            .RequireRoles(CaseAccess.Writers)
            .WithName("EndCaseInvolvement")
            .WithSummary("End an organisation's involvement in the case, with a reason.");
        cases.MapGet("/{id:guid}/timeline", CaseTimeline.Read)
            .WithName("GetCaseTimeline")
            .WithSummary("The case's timeline, newest first: this service's own events and what Intake, Outreach, Participation and RightsAdvocacy report.");
    }

    private static async Task<Results<Created<SupportCaseResponse>, ValidationProblem, ProblemHttpResult>> Open(
        OpenCaseRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (request.Track == SupportCaseCodes.ConsentedTrack
            && ConsentRule.ToShare(request.PersonId, [], await RecordedConsent.InForceAsync(db, request.PersonId, cancellationToken)) is { } refusal)
        {
            return await refusal.RefuseAsync(db, http, "create", "support_case", null, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var caller = http.User.SubjectId();
        var supportCase = SupportCase.Open(consultationId: null, request.PersonId, request.Track, openedBy: caller, by: caller, now);
        supportCase.MainConcern = request.MainConcern;
        supportCase.ReferralRoute = request.ReferralRoute;
        supportCase.HouseholdType = request.HouseholdType;
        supportCase.DistrictCode = request.DistrictCode;
        supportCase.CoordinatorId = string.IsNullOrEmpty(request.CoordinatorId) ? caller : request.CoordinatorId;
        db.SupportCases.Add(supportCase);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "opened", supportCase.Id, supportCase.Track));
        db.AuditEntries.Add(CaseAccess.Audit(http, "create", "support_case", supportCase));
        db.Publish(supportCase.Opened(db.Tenant.Required));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, supportCase.Version);
        return TypedResults.Created($"/api/multiagency/cases/{supportCase.Id}", SupportCaseResponse.From(supportCase));
    }

    private static async Task<Results<Ok<Page<SupportCaseResponse>>, ValidationProblem>> List(
        MultiAgencyDbContext db, HttpContext http, Guid? consultationId, string? status, string? track, string? district, string? coordinatorId,
        string? organisationCode, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var validation = new Validation().OneOf("status", status, SupportCaseCodes.Statuses).OneOf("track", track, SupportCaseCodes.Tracks);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);

        var query = db.SupportCases.AsNoTracking().Include(c => c.StatusHistory).Include(c => c.TrackHistory).Include(c => c.Involvements)
            .VisibleTo(http.User);
        if (consultationId is { } consultation) query = query.Where(c => c.ConsultationId == consultation);
        if (status is not null) query = query.Where(c => c.Status == status);
        if (track is not null) query = query.Where(c => c.Track == track);
        if (!string.IsNullOrEmpty(district)) query = query.Where(c => c.DistrictCode == district);
        if (!string.IsNullOrEmpty(coordinatorId)) query = query.Where(c => c.CoordinatorId == coordinatorId);
        if (!string.IsNullOrEmpty(organisationCode))
        {
            query = query.Where(c => c.Involvements.Any(i => i.OrganisationCode == organisationCode && i.EndedOn == null));
        }
        var rows = await query.PageOf(page, c => c.Id).AsSplitQuery().ToListAsync(cancellationToken);

        var result = page.ToPage(rows, c => c.Id, c => c);
        db.AuditEntries.AddRange(result.Items.Select(c => CaseAccess.Audit(http, "search", "support_case", c)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new Page<SupportCaseResponse>(result.Items.Select(SupportCaseResponse.From).ToList(), result.NextPageToken));
    }

    private static async Task<Results<Ok<SupportCaseResponse>, NotFound>> Get(
        Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var supportCase = await CaseAccess.Find(db, http, id, tracking: false, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        db.AuditEntries.Add(CaseAccess.Audit(http, "read", "support_case", supportCase));
        await db.SaveChangesAsync(cancellationToken);
        var lastActivity = await CaseTimelineEntry.LastActivity(db, id).MaxAsync(at => (DateTimeOffset?)at, cancellationToken);
        ETags.Set(http, supportCase.Version);
        return TypedResults.Ok(SupportCaseResponse.From(supportCase) with { LastActivityAt = lastActivity ?? supportCase.OpenedAt });
    }

    private static async Task<Results<Ok<SupportCaseResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Patch(
        Guid id, CasePatch patch, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = patch.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.Find(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();

        if (!db.IsAtVersion(supportCase, version)) return ETags.Stale();
        supportCase.MainConcern = patch.MainConcern ?? supportCase.MainConcern;
        supportCase.ReferralRoute = patch.ReferralRoute ?? supportCase.ReferralRoute;
        supportCase.HouseholdType = patch.HouseholdType ?? supportCase.HouseholdType;
        supportCase.DistrictCode = patch.DistrictCode ?? supportCase.DistrictCode;
        supportCase.CoordinatorId = patch.CoordinatorId ?? supportCase.CoordinatorId;
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, clock.GetUtcNow(), "multiagency", "details_changed", supportCase.Id));
        db.AuditEntries.Add(CaseAccess.Audit(http, "update", "support_case", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, supportCase.Version);
        return TypedResults.Ok(SupportCaseResponse.From(supportCase));
    }

    private static async Task<Results<Ok<SupportCaseResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        Guid id, StatusChangeRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var supportCase = await CaseAccess.Find(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        var validation = request.Validate(supportCase.Status);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (!db.IsAtVersion(supportCase, version)) return ETags.Stale();
        if (supportCase.RefusalToMove(request.Status) is { } refusal) return Problems.Conflict(refusal);
        if (request.Status == SupportCaseCodes.Supporting && !await db.SupportPlans.AnyAsync(p => p.CaseId == id && p.Status == PlanCodes.Approved, cancellationToken))
        {
            return Problems.Refused("支援中 needs an approved plan.",
                "A case is supported under a support plan approved by a meeting: approve the draft plan (POST …/plans/{planId}/approval), which starts 支援中.");
        }

        var now = clock.GetUtcNow();
        if (request.Status == SupportCaseCodes.Closed) await ActionHandOffs.WithdrawAllAsync(db, supportCase, SupportCaseCodes.CaseClosed, http.User.SubjectId(), now, cancellationToken);
        var change = Move(db, supportCase, request.Status, request.Reason, request.MeetingId, Validation.Normalize(request.Note), http.User.SubjectId(),
            now);
        db.AuditEntries.Add(CaseAccess.Audit(http, change.Status == SupportCaseCodes.Closed ? "close" : "change_status", "support_case", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, supportCase.Version);
        return TypedResults.Ok(SupportCaseResponse.From(supportCase));
    }

    /// <summary>
    /// Moves the case and records everything that goes with it in the caller's unit of work: the history entry, the
    /// timeline line, SupportCaseStatusChanged, and SupportCaseClosed on 終結.
    /// </summary>
    public static CaseStatusChange Move(MultiAgencyDbContext db, SupportCase supportCase, string status, string? reason, Guid? meetingId,
        string? note, string by, DateTimeOffset at)
    {
        var from = supportCase.Status;
        var live = supportCase.Involvements.Where(i => i.EndedOn is null).ToList();
        var change = supportCase.ChangeStatus(status, reason, meetingId, note, by, at);
        foreach (var ended in live.Where(i => i.EndedOn is not null))
        {
            db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", "involvement_ended", ended.Id, ended.EndReason));
        }
        var (kind, detail) = (from, status) switch
        {
            (_, SupportCaseCodes.Closed) => ("closed", reason),
            (SupportCaseCodes.Closed, _) => ("reopened", status),
            (_, SupportCaseCodes.Suspended) => ("suspended", reason),
            (SupportCaseCodes.Suspended, _) => ("resumed", status),
            _ => ("status_changed", status),
        };
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, at, "multiagency", kind, supportCase.Id, detail));
        db.Publish(new SupportCaseStatusChanged(Guid.CreateVersion7(), at, db.Tenant.Required, supportCase.Id, from, status,
            status == SupportCaseCodes.Closed ? reason : null));
        if (status == SupportCaseCodes.Closed)
        {
            db.Publish(new SupportCaseClosed(Guid.CreateVersion7(), at, db.Tenant.Required, supportCase.Id, reason!, meetingId,
                supportCase.ConsultationId));
        }
        else if (from == SupportCaseCodes.Closed)
        {
            db.Publish(new SupportCaseReopened(Guid.CreateVersion7(), at, db.Tenant.Required, supportCase.Id, supportCase.ConsultationId, status));
        }
        return change;
    }

    private static async Task<Results<Ok<SupportCaseResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeTrack(
        Guid id, TrackChangeRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.Find(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        if (!db.IsAtVersion(supportCase, version)) return ETags.Stale();
        if (!SupportCaseCodes.IsOpen(supportCase.Status)) return Problems.Conflict("The case is closed (終結); reopen it first.");
        if (supportCase.Track == request.Track) return Problems.Conflict($"The case is already on the {request.Track} track.");
        if (request.Track == SupportCaseCodes.ConsentedTrack
            && ConsentRule.ToShare(supportCase.PersonId, supportCase.SharedWith(),
                await RecordedConsent.InForceAsync(db, supportCase.PersonId, cancellationToken)) is { } refusal)
        {
            return await refusal.RefuseAsync(db, http, "change_track", "support_case", supportCase.Id, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var from = supportCase.Track;
        supportCase.ChangeTrack(request.Track, request.Reason, Validation.Normalize(request.Note), http.User.SubjectId(), now);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "track_changed", supportCase.Id, request.Track));
        db.Publish(new SupportCaseTrackChanged(Guid.CreateVersion7(), now, db.Tenant.Required, supportCase.Id, from, request.Track));
        db.AuditEntries.Add(CaseAccess.Audit(http, "change_track", "support_case", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, supportCase.Version);
        return TypedResults.Ok(SupportCaseResponse.From(supportCase));
    }

    private static async Task<Results<Created<InvolvementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddInvolvement(
        Guid id, InvolvementRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        await validation.CheckOrganisation(db, "organisationCode", request.OrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.Find(db, http, id, tracking: true, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        if (!SupportCaseCodes.IsOpen(supportCase.Status)) return Problems.Conflict("The case is closed (終結); reopen it first.");
        var active = supportCase.Involvements.Where(i => i.EndedOn is null).ToList();
        var organisationCode = request.OrganisationCode.Trim();
        if (active.Any(i => i.OrganisationCode == organisationCode && i.Role == request.Role))
        {
            return Problems.Conflict($"'{organisationCode}' already has the role {request.Role} in this case.");
        }
        if (request.Role == "lead" && active.Any(i => i.Role == "lead"))
        {
            return Problems.Conflict("The case already has a 主担当 (lead) organisation; end that involvement first.");
        }
        // On the consented track an organisation sees the case only if the person's consent names it.
        if (supportCase.Track == SupportCaseCodes.ConsentedTrack
            && ConsentRule.ToShare(supportCase.PersonId, [organisationCode],
                await RecordedConsent.InForceAsync(db, supportCase.PersonId, cancellationToken)) is { } refusal)
        {
            return await refusal.RefuseAsync(db, http, "add_involvement", "support_case", supportCase.Id, cancellationToken);
        }

        var now = clock.GetUtcNow();
        var involvement = new CaseInvolvement
        {
            CaseId = id,
            OrganisationCode = organisationCode,
            Role = request.Role,
            ContactSubject = request.ContactSubject,
            Note = Validation.Normalize(request.Note),
            StartedOn = request.StartedOn ?? JapanDate.Of(now),
            AddedBy = http.User.SubjectId(),
            AddedAt = now,
        };
        supportCase.Involvements.Add(involvement);
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "involvement_added", involvement.Id, involvement.Role));
        db.AuditEntries.Add(CaseAccess.Audit(http, "add_involvement", "support_case", supportCase));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException
            || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("The case changed while adding the involvement (perhaps the same role was added at the same time); read it again.");
        }
        return TypedResults.Created($"/api/multiagency/cases/{id}", ToResponse(involvement));
    }

    private static async Task<Results<Ok<InvolvementResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EndInvolvement(
        Guid id, Guid involvementId, EndInvolvementRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await CaseAccess.Find(db, http, id, tracking: true, cancellationToken);
        if (supportCase?.Involvements.FirstOrDefault(i => i.Id == involvementId) is not { } involvement) return TypedResults.NotFound();
        if (involvement.EndedOn is not null) return Problems.Conflict($"The involvement already ended on {involvement.EndedOn:yyyy-MM-dd}.");
        var now = clock.GetUtcNow();
        var endedOn = request.EndedOn ?? JapanDate.Of(now);
        if (endedOn < involvement.StartedOn)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["endedOn"] = ["endedOn cannot be before the involvement started."] });
        }

        involvement.EndedOn = endedOn;
        involvement.EndReason = request.Reason;
        db.CaseTimeline.Add(CaseTimelineEntry.For(supportCase, now, "multiagency", "involvement_ended", involvement.Id, request.Reason));
        db.AuditEntries.Add(CaseAccess.Audit(http, "end_involvement", "support_case", supportCase));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The case changed meanwhile; read it again.");
        return TypedResults.Ok(ToResponse(involvement));
    }

    private static InvolvementResponse ToResponse(CaseInvolvement i) => InvolvementResponse.From(i);
}
