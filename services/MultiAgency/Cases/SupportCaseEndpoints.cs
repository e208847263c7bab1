using Jusou.ServiceDefaults.Auth;
using Jusou.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jusou.MultiAgency.Cases;

public sealed record SupportCaseResponse(
    Guid Id, Guid? ConsultationId, Guid? PersonId, string? MainConcern, string Status, string Track, DateTimeOffset OpenedAt)
{
    public static SupportCaseResponse From(SupportCase c) =>
        new(c.Id, c.ConsultationId, c.PersonId, c.MainConcern, c.Status, c.Track, c.OpenedAt);
}

public static class SupportCaseEndpoints
{
    private static readonly string[] Readers = [JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];

    public static void MapSupportCases(this IEndpointRouteBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Support cases (支援ケース)").RequireRoles(Readers);

        cases.MapGet("/", List)
            .WithName("ListSupportCases")
            .WithSummary("List support cases, oldest first; filter by the Intake consultation they came from.");
        cases.MapGet("/{id:guid}", Get)
            .WithName("GetSupportCase")
            .WithSummary("Read one support case.");
    }

    private static async Task<Results<Ok<Page<SupportCaseResponse>>, ValidationProblem>> List(
        MultiAgencyDbContext db, Guid? consultationId, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);

        var query = db.SupportCases.AsNoTracking();
        if (consultationId is { } consultation) query = query.Where(c => c.ConsultationId == consultation);
        if (page.After is { } after) query = query.Where(c => c.Id.CompareTo(after) > 0); // translated to id > @after
        var rows = await query.OrderBy(c => c.Id).Take(page.Size + 1).ToListAsync(cancellationToken);

        return TypedResults.Ok(page.ToPage(rows, c => c.Id, SupportCaseResponse.From));
    }

    private static async Task<Results<Ok<SupportCaseResponse>, NotFound>> Get(
        Guid id, MultiAgencyDbContext db, CancellationToken cancellationToken)
    {
        var supportCase = await db.SupportCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return supportCase is null ? TypedResults.NotFound() : TypedResults.Ok(SupportCaseResponse.From(supportCase));
    }
}
