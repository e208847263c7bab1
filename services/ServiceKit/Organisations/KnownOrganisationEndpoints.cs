using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Jusou.ServiceKit.Organisations;

/// <param name="Code">The organisation's code.</param>
/// <param name="OrganisationId">Its id in CommunityResources' directory, where its name and contacts are.</param>
/// <param name="Version">The directory's publication version this service has applied.</param>
public sealed record KnownOrganisationResponse(
    string Code, Guid OrganisationId, string KindCode, string? ParentOrganisationCode, long Version, DateTimeOffset LearntAt);

public static class KnownOrganisationEndpoints
{
    /// <summary>
    /// GET /organisations/{code}: whether this service knows an organisation of the directory yet (it learns them from
    /// CommunityResources' events), so an operator or a system can see that a newly registered code may be used here.
    /// </summary>
    /// <param name="service">The service's name in operation ids, e.g. "Intake" → GetIntakeKnownOrganisation.</param>
    public static void MapKnownOrganisations<TDb>(this IEndpointRouteBuilder api, string service) where TDb : ServiceDbContext
    {
        // Passed as Delegate: the route-handler analyzer cannot read generic method groups.
        Delegate get = Get<TDb>;
        api.MapGet("/organisations/{code}", get).WithTags("Organisations (支援機関)").WithName($"Get{service}KnownOrganisation")
            .WithSummary("An organisation of the municipality's directory as this service knows it (404 until it has learnt the code from CommunityResources).");
    }

    private static async Task<Results<Ok<KnownOrganisationResponse>, NotFound>> Get<TDb>(string code, TDb db, CancellationToken cancellationToken)
        where TDb : ServiceDbContext
    {
        var known = await db.Set<KnownOrganisation>().AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
        if (known is null) return TypedResults.NotFound();
        return TypedResults.Ok(new KnownOrganisationResponse(known.Code, known.OrganisationId, known.KindCode, known.ParentOrganisationCode,
            known.Version, known.LearntAt));
    }
}
