using System.ComponentModel.DataAnnotations;
using Jusou.CommunityResources.Areas;
using Jusou.CommunityResources.Codes;
using Jusou.Contracts.CommunityResources;

namespace Jusou.CommunityResources.ResourceDirectory;

public sealed record ServiceScheduleRequest(
    string Freq, [property: MaxLength(DirectoryLengths.ScheduleByDay)] string? ByDay = null, TimeOnly? OpensAt = null, TimeOnly? ClosesAt = null,
    [property: MaxLength(DirectoryLengths.ScheduleDescription)] string? Description = null);

/// <summary>A programme or place as an editor sends it: one row of the 実施計画 table, plus HSDS details.</summary>
public sealed record CommunityServiceRequest(
    Guid OrganisationId,
    [property: MaxLength(DirectoryLengths.Name)] string Name,
    string StatutoryProject,
    string DeliveryMethod,
    string AreaCode,
    IReadOnlyList<string>? Kinds = null,
    IReadOnlyList<string>? TargetGroups = null,
    [property: MaxLength(CommunityServiceRequest.TextMaxLength)] string? Description = null,
    [property: MaxLength(DirectoryLengths.StatutoryClause)] string? StatutoryClause = null,
    [property: MaxLength(CommunityServiceRequest.TextMaxLength)] string? EligibilityDescription = null,
    int? MinimumAge = null,
    int? MaximumAge = null,
    [property: MaxLength(DirectoryLengths.Department)] string? Department = null,
    IReadOnlyList<Guid>? PartnerOrganisationIds = null,
    int? Capacity = null,
    bool Paid = false,
    [property: MaxLength(CommunityServiceRequest.TextMaxLength)] string? FeesDescription = null,
    bool ParticipationCapable = false,
    IReadOnlyList<Guid>? LocationIds = null,
    IReadOnlyList<ServiceScheduleRequest>? Schedules = null)
{
    public const int TextMaxLength = 4000;
    private static readonly IReadOnlySet<string> Frequencies = new HashSet<string> { "WEEKLY", "MONTHLY" };

    public async Task<Validation> Validate(CommunityResourcesDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation().Limits(this)
            .Require("name", Name)
            .Require("statutoryProject", StatutoryProject).OneOf("statutoryProject", StatutoryProject, CommunityCodes.StatutoryProjects)
            .Require("deliveryMethod", DeliveryMethod).OneOf("deliveryMethod", DeliveryMethod, CommunityCodes.DeliveryMethods)
            .Require("areaCode", AreaCode);
        if (OrganisationId == Guid.Empty) validation.Add("organisationId", "organisationId is required.");
        foreach (var kind in Kinds ?? []) validation.OneOf("kinds", kind, CommunityCodes.ServiceKinds);
        foreach (var group in TargetGroups ?? []) validation.OneOf("targetGroups", group, CommunityCodes.TargetGroups);
        if (MinimumAge is < 0 or > 130) validation.Add("minimumAge", "minimumAge is between 0 and 130.");
        if (MaximumAge is < 0 or > 130) validation.Add("maximumAge", "maximumAge is between 0 and 130.");
        if (MinimumAge > MaximumAge) validation.Add("maximumAge", "maximumAge is not below minimumAge.");
        if (Capacity is < 1) validation.Add("capacity", "capacity is at least 1 when given.");
        if ((Schedules?.Count ?? 0) > 20) validation.Add("schedules", "At most 20 schedules.");
        foreach (var schedule in Schedules ?? [])
        {
            if (schedule is null || !Frequencies.Contains(schedule.Freq ?? "")) validation.Add("schedules", "freq is WEEKLY or MONTHLY.");
        }
        if (!validation.IsValid) return validation;

        await validation.CheckExists(db, "areaCode", AreaCode, cancellationToken);
        if (!await db.Organisations.AnyAsync(o => o.Id == OrganisationId, cancellationToken)) validation.Add("organisationId", $"No organisation {OrganisationId}.");
        var partners = (PartnerOrganisationIds ?? []).Distinct().ToList();
        if (partners.Count > 50 || await db.Organisations.CountAsync(o => partners.Contains(o.Id), cancellationToken) != partners.Count)
        {
            validation.Add("partnerOrganisationIds", "Every partner is an organisation of this directory.");
        }
        var locations = (LocationIds ?? []).Distinct().ToList();
        if (locations.Count > 50 || await db.Locations.CountAsync(l => locations.Contains(l.Id), cancellationToken) != locations.Count)
        {
            validation.Add("locationIds", "Every location is a place of this directory.");
        }
        return validation;
    }

    public void ApplyTo(CommunityService service, DateTimeOffset now)
    {
        service.OrganisationId = OrganisationId;
        service.Name = Validation.Normalize(Name)!;
        service.StatutoryProject = StatutoryProject;
        service.DeliveryMethod = DeliveryMethod;
        service.AreaCode = AreaCode;
        service.Kinds = (Kinds ?? []).Distinct().ToList();
        service.TargetGroups = (TargetGroups ?? []).Distinct().ToList();
        service.Description = Validation.Normalize(Description);
        service.StatutoryClause = Validation.Normalize(StatutoryClause);
        service.EligibilityDescription = Validation.Normalize(EligibilityDescription);
        service.MinimumAge = MinimumAge;
        service.MaximumAge = MaximumAge;
        service.Department = Validation.Normalize(Department);
        service.PartnerOrganisationIds = (PartnerOrganisationIds ?? []).Distinct().ToList();
        service.Capacity = Capacity;
        service.Paid = Paid;
        service.FeesDescription = Validation.Normalize(FeesDescription);
        service.ParticipationCapable = ParticipationCapable;
        service.UpdatedAt = now;

        // Keep the links that stay (their ids are exported as HSDS service_at_location ids), add the new ones.
        var wanted = (LocationIds ?? []).Distinct().ToList();
        service.Locations.RemoveAll(l => !wanted.Contains(l.LocationId));
        foreach (var location in wanted.Where(l => service.Locations.All(existing => existing.LocationId != l)))
        {
            service.Locations.Add(new ServiceAtLocation { ServiceId = service.Id, LocationId = location });
        }
        service.Schedules.Clear();
        foreach (var s in Schedules ?? [])
        {
            service.Schedules.Add(new ServiceSchedule
            {
                ServiceId = service.Id, Freq = s.Freq, ByDay = s.ByDay, OpensAt = s.OpensAt, ClosesAt = s.ClosesAt, Description = Validation.Normalize(s.Description),
            });
        }
    }
}

public sealed record ServiceScheduleResponse(Guid Id, string Freq, string? ByDay, TimeOnly? OpensAt, TimeOnly? ClosesAt, string? Description);

public sealed record CommunityServiceResponse(
    Guid Id, Guid OrganisationId, string Name, string StatutoryProject, string? StatutoryClause, IReadOnlyList<string> Kinds,
    IReadOnlyList<string> TargetGroups, string? EligibilityDescription, int? MinimumAge, int? MaximumAge, string DeliveryMethod,
    string AreaCode, string? Department, IReadOnlyList<Guid> PartnerOrganisationIds, string? Description, int? Capacity, bool Paid,
    string? FeesDescription, bool ParticipationCapable, string Status, long PublicationVersion, IReadOnlyList<Guid> LocationIds,
    IReadOnlyList<ServiceScheduleResponse> Schedules, string? ExternalKey, DateTimeOffset UpdatedAt)
{
    public static CommunityServiceResponse From(CommunityService s) => new(s.Id, s.OrganisationId, s.Name, s.StatutoryProject, s.StatutoryClause,
        s.Kinds, s.TargetGroups, s.EligibilityDescription, s.MinimumAge, s.MaximumAge, s.DeliveryMethod, s.AreaCode, s.Department,
        s.PartnerOrganisationIds, s.Description, s.Capacity, s.Paid, s.FeesDescription, s.ParticipationCapable, s.Status, s.PublicationVersion,
        s.Locations.OrderBy(l => l.Id).Select(l => l.LocationId).ToList(),
        s.Schedules.OrderBy(x => x.Id).Select(x => new ServiceScheduleResponse(x.Id, x.Freq, x.ByDay, x.OpensAt, x.ClosesAt, x.Description)).ToList(),
        s.ExternalKey, s.UpdatedAt);
}

public static class ServiceEndpoints
{
    public static void MapServices(this IEndpointRouteBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Directory: programmes and places (事業・居場所)");
        services.MapPost("/", Create).WithIdempotency<CommunityResourcesDbContext>().RequireRoles(AreaEndpoints.Editors)
            .WithName("PublishService").WithSummary("Publish a programme or place (HSDS service); announces CommunityServicePublished.");
        services.MapGet("/", Find).WithName("FindServices")
            .WithSummary("Search the directory by area (withinArea=true: with the areas under it), target group (対象者), 実施方式, statutory project, kind, participation, organisation and text.");
        services.MapGet("/{id:guid}", Get).WithName("GetService").WithSummary("One programme or place (ETag = version).");
        services.MapPut("/{id:guid}", Replace).RequiresIfMatch().RequireRoles(AreaEndpoints.Editors)
            .WithName("ChangeService").WithSummary("Replace a programme's details; needs If-Match; announces the change with a higher version.");
        services.MapPost("/{id:guid}/withdraw", Withdraw).RequireRoles(AreaEndpoints.Editors)
            .WithName("WithdrawService").WithSummary("Withdraw a programme or place (終了・休止); announces CommunityServiceWithdrawn.");
    }

    private static async Task<Results<Created<CommunityServiceResponse>, ValidationProblem>> Create(
        CommunityServiceRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var service = new CommunityService();
        request.ApplyTo(service, clock.GetUtcNow());
        db.Services.Add(service);
        await ServicePublication.AnnounceAsync(db, service, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, service.Version);
        return TypedResults.Created($"/api/community/services/{service.Id}", CommunityServiceResponse.From(service));
    }

    private static async Task<Results<Ok<Page<CommunityServiceResponse>>, ValidationProblem>> Find(
        CommunityResourcesDbContext db, string? area, bool? withinArea, string? targetGroup, string? method, string? project, string? kind,
        [MaxLength(DirectoryLengths.Query)] string? q, bool? participationCapable, Guid? organisationId, string? status, int? pageSize, string? pageToken,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        var filters = new Validation()
            .OneOf("targetGroup", targetGroup, CommunityCodes.TargetGroups)
            .OneOf("method", method, CommunityCodes.DeliveryMethods)
            .OneOf("project", project, CommunityCodes.StatutoryProjects)
            .OneOf("kind", kind, CommunityCodes.ServiceKinds)
            .MaxLength("q", q, DirectoryLengths.Query);
        if (status is not null and not "all") filters.OneOf("status", status, CommunityCodes.ServiceStatuses);
        if (!filters.IsValid) return TypedResults.ValidationProblem(filters.Errors);

        var query = db.Services.AsNoTracking().Include(s => s.Locations).Include(s => s.Schedules).AsQueryable();
        var wantedStatus = status ?? "active";
        if (wantedStatus != "all") query = query.Where(s => s.Status == wantedStatus);
        if (!string.IsNullOrEmpty(area))
        {
            var areas = withinArea == true ? await AreasWithin(db, area, cancellationToken) : [area];
            query = query.Where(s => areas.Contains(s.AreaCode));
        }
        if (targetGroup is not null) query = query.Where(s => s.TargetGroups.Contains(targetGroup));
        if (method is not null) query = query.Where(s => s.DeliveryMethod == method);
        if (project is not null) query = query.Where(s => s.StatutoryProject == project);
        if (kind is not null) query = query.Where(s => s.Kinds.Contains(kind));
        if (participationCapable is { } capable) query = query.Where(s => s.ParticipationCapable == capable);
        if (organisationId is { } organisation) query = query.Where(s => s.OrganisationId == organisation || s.PartnerOrganisationIds.Contains(organisation));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{Search.EscapeLike(Validation.Normalize(q.Trim())!)}%";
            query = query.Where(s => EF.Functions.ILike(s.Name, pattern) || EF.Functions.ILike(s.Description ?? "", pattern)
                || EF.Functions.ILike(s.EligibilityDescription ?? "", pattern) || EF.Functions.ILike(s.Department ?? "", pattern));
        }
        var rows = await query.PageOf(page, s => s.Id).AsSplitQuery().ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, s => s.Id, CommunityServiceResponse.From));
    }

    private static async Task<Results<Ok<CommunityServiceResponse>, NotFound>> Get(Guid id, CommunityResourcesDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var service = await Load(db, id, tracking: false, cancellationToken);
        if (service is null) return TypedResults.NotFound();
        ETags.Set(http, service.Version);
        return TypedResults.Ok(CommunityServiceResponse.From(service));
    }

    private static async Task<Results<Ok<CommunityServiceResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, CommunityServiceRequest request, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var service = await Load(db, id, tracking: true, cancellationToken);
        if (service is null) return TypedResults.NotFound();
        var validation = await request.Validate(db, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        if (service.Status != CommunityCodes.ServiceStatus.Active) return Problems.Conflict("A withdrawn programme is not changed; publish a new one.");

        if (!db.IsAtVersion(service, version)) return ETags.Stale();
        request.ApplyTo(service, clock.GetUtcNow());
        await ServicePublication.AnnounceAsync(db, service, clock.GetUtcNow(), cancellationToken);
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, service.Version);
        return TypedResults.Ok(CommunityServiceResponse.From(service));
    }

    private static async Task<Results<Ok<CommunityServiceResponse>, NotFound, ProblemHttpResult>> Withdraw(
        Guid id, CommunityResourcesDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = await Load(db, id, tracking: true, cancellationToken);
        if (service is null) return TypedResults.NotFound();
        if (service.Status == CommunityCodes.ServiceStatus.Withdrawn) return Problems.Conflict("The programme is already withdrawn.");
        var now = clock.GetUtcNow();
        service.Status = CommunityCodes.ServiceStatus.Withdrawn;
        service.UpdatedAt = now;
        service.PublicationVersion++;
        db.Publish(new CommunityServiceWithdrawn(Guid.CreateVersion7(), now, db.Tenant.Required, service.Id, service.PublicationVersion));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return Problems.Conflict("The programme changed meanwhile; read it again.");
        ETags.Set(http, service.Version);
        return TypedResults.Ok(CommunityServiceResponse.From(service));
    }

    /// <summary>The area and every area under it (its 日常生活圏域 and their 地区): a handful of rows per municipality.</summary>
    private static async Task<List<string>> AreasWithin(CommunityResourcesDbContext db, string area, CancellationToken cancellationToken)
    {
        var children = (await db.Areas.AsNoTracking().Where(a => a.ParentCode != null).Select(a => new { a.Code, a.ParentCode }).ToListAsync(cancellationToken))
            .ToLookup(a => a.ParentCode!, a => a.Code);
        var within = new List<string> { area };
        for (var i = 0; i < within.Count; i++) within.AddRange(children[within[i]].Where(code => !within.Contains(code)));
        return within;
    }

    internal static Task<CommunityService?> Load(CommunityResourcesDbContext db, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Services.Include(s => s.Locations).Include(s => s.Schedules).AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }
}

/// <summary>The events Participation keeps its catalogue from: ids and codes only, names stay in the directory.</summary>
public static class ServicePublication
{
    public static async Task AnnounceAsync(CommunityResourcesDbContext db, CommunityService service, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The organisation may be new in this unit of work (an import), so look at what is tracked first.
        var organisationCode = db.Organisations.Local.FirstOrDefault(o => o.Id == service.OrganisationId)?.Code
            ?? await db.Organisations.Where(o => o.Id == service.OrganisationId).Select(o => o.Code).FirstAsync(cancellationToken);
        service.PublicationVersion++;
        db.Publish(new CommunityServicePublished(Guid.CreateVersion7(), now, db.Tenant.Required, service.Id,
            service.Locations.OrderBy(l => l.Id).Select(l => (Guid?)l.LocationId).FirstOrDefault(), service.OrganisationId, service.AreaCode,
            [service.StatutoryProject, .. service.Kinds], service.ParticipationCapable, service.Capacity, service.Paid, service.PublicationVersion,
            organisationCode));
    }
}
