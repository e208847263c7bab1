using Jusou.MultiAgency.Cases;
using System.ComponentModel.DataAnnotations;
using Jusou.ServiceKit.Organisations;

namespace Jusou.MultiAgency.Watch.CaseSupports;

public sealed record CaseSupportRequest(
    string? Kind,
    [property: MaxLength(Lengths.OrganisationCode)] string? ProviderOrganisationCode = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this)
            .Require("kind", Kind)
            .OneOf("kind", Kind, WatchCodes.SupportKinds);
        if (StartsOn is { } starts && EndsOn is { } ends && ends < starts) validation.Add("endsOn", "endsOn cannot be before startsOn.");
        return validation;
    }

    public void ApplyTo(CaseSupport support)
    {
        support.Kind = Kind!;
        support.ProviderOrganisationCode = string.IsNullOrWhiteSpace(ProviderOrganisationCode) ? null : ProviderOrganisationCode.Trim();
        support.StartsOn = StartsOn;
        support.EndsOn = EndsOn;
    }
}

public sealed record CaseSupportResponse(
    Guid Id, Guid CaseId, string Kind, string? ProviderOrganisationCode, DateOnly? StartsOn, DateOnly? EndsOn,
    DateTimeOffset RecordedAt, string RecordedBy, DateTimeOffset? UpdatedAt)
{
    public static CaseSupportResponse From(CaseSupport s) =>
        new(s.Id, s.CaseId, s.Kind, s.ProviderOrganisationCode, s.StartsOn, s.EndsOn, s.RecordedAt, s.RecordedBy, s.UpdatedAt);
}

/// <summary>Supports in place on a case: /cases/{id}/supports. Which systems a person uses is personal data: every access is audited.</summary>
public static class CaseSupportEndpoints
{
    private static readonly string[] Readers = [JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];
    private static readonly string[] Writers = [JusouRoles.Coordinator, JusouRoles.Manager];

    public static void MapCaseSupports(this IEndpointRouteBuilder api)
    {
        var supports = api.MapGroup("/cases/{caseId:guid}/supports").WithTags("制度切れ watch");
        supports.MapPost("/", Add).WithIdempotency<MultiAgencyDbContext>().RequireRoles(Writers)
            .WithName("AddCaseSupport").WithSummary("Record a support in place on a case (kind, provider, startsOn, endsOn).");
        supports.MapGet("/", List).RequireRoles(Readers)
            .WithName("ListCaseSupports").WithSummary("The supports in place on a case, oldest first.");
        supports.MapGet("/{id:guid}", Get).RequireRoles(Readers)
            .WithName("GetCaseSupport").WithSummary("One support in place (ETag = version).");
        supports.MapPut("/{id:guid}", Replace).RequiresIfMatch().RequireRoles(Writers)
            .WithName("ReplaceCaseSupport").WithSummary("Replace a support in place, e.g. a new end date (If-Match).");
    }

    private static async Task<Results<Created<CaseSupportResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Add(
        Guid caseId, CaseSupportRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        await validation.CheckOrganisation(db, "providerOrganisationCode", request.ProviderOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var supportCase = await db.SupportCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (supportCase is null) return TypedResults.NotFound();
        if (supportCase.Status == SupportCaseCodes.Closed) return Problems.Conflict("The case is closed (終結); reopen it before recording supports.");

        var support = new CaseSupport { CaseId = caseId, RecordedAt = clock.GetUtcNow(), RecordedBy = http.User.SubjectId() };
        request.ApplyTo(support);
        db.CaseSupports.Add(support);
        db.AuditEntries.Add(AuditEntry.For(http, "create", "case_support", support.Id));
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, support.Version);
        return TypedResults.Created($"/api/multiagency/cases/{caseId}/supports/{support.Id}", CaseSupportResponse.From(support));
    }

    private static async Task<Results<Ok<Page<CaseSupportResponse>>, ValidationProblem, NotFound>> List(
        Guid caseId, MultiAgencyDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!await db.SupportCases.AnyAsync(c => c.Id == caseId, cancellationToken)) return TypedResults.NotFound();

        var query = db.CaseSupports.AsNoTracking().Where(s => s.CaseId == caseId);
        var rows = await query.PageOf(page, s => s.Id).ToListAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.For(http, "read_supports", "support_case", caseId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, s => s.Id, CaseSupportResponse.From));
    }

    private static async Task<Results<Ok<CaseSupportResponse>, NotFound>> Get(
        Guid caseId, Guid id, MultiAgencyDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var support = await db.CaseSupports.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.CaseId == caseId, cancellationToken);
        if (support is null) return TypedResults.NotFound();
        await db.AuditReadAsync(http, "case_support", id, support.Version, cancellationToken: cancellationToken);
        return TypedResults.Ok(CaseSupportResponse.From(support));
    }

    private static async Task<Results<Ok<CaseSupportResponse>, ValidationProblem, NotFound, ProblemHttpResult>> Replace(
        Guid caseId, Guid id, CaseSupportRequest request, MultiAgencyDbContext db, HttpContext http, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!ETags.TryReadIfMatch(http, out var version, out var problem)) return problem!;
        var validation = request.Validate();
        await validation.CheckOrganisation(db, "providerOrganisationCode", request.ProviderOrganisationCode, cancellationToken);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.Errors);
        var support = await db.CaseSupports.FirstOrDefaultAsync(s => s.Id == id && s.CaseId == caseId, cancellationToken);
        if (support is null) return TypedResults.NotFound();

        if (!db.IsAtVersion(support, version)) return ETags.Stale();
        request.ApplyTo(support);
        support.UpdatedAt = clock.GetUtcNow();
        support.UpdatedBy = http.User.SubjectId();
        db.AuditEntries.Add(AuditEntry.For(http, "update", "case_support", id));
        if (!await db.TrySaveChangesAsync(cancellationToken)) return ETags.Stale();
        ETags.Set(http, support.Version);
        return TypedResults.Ok(CaseSupportResponse.From(support));
    }
}
