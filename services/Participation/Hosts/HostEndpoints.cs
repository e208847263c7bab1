using Jusou.Participation.Codes;

namespace Jusou.Participation.Hosts;

public sealed record HostOpportunity(
    Guid Id, string? Title, string Kind, string? DistrictCode, IReadOnlyList<string> Days, IReadOnlyList<string> TimeSlots, string? ScheduleNote,
    int? Capacity, int CurrentUse, int? RemainingPlaces, bool Open, string? ClosedReason);

/// <summary>A 協力事業所's own places: what it offers, how full each is, and how many people are with it now.</summary>
public sealed record HostView(string OrganisationCode, int ParticipantsNow, IReadOnlyList<HostOpportunity> Opportunities);

/// <summary>
/// A participant as the host sees them: only what it needs to know to receive them well — the stage, since when, the
/// accommodations they need, the coordinator's note for the host and when the next 定着支援 check-in is. No names,
/// wishes, notes or case ids.
/// </summary>
public sealed record HostParticipant(
    Guid PlacementId, Guid OpportunityId, string Stage, DateOnly StartedOn, IReadOnlyList<string> NeededAccommodations, string? HostNote,
    DateOnly? NextCheckInOn);

public static class HostEndpoints
{
    public static void MapHosts(this IEndpointRouteBuilder api)
    {
        var hosts = api.MapGroup("/hosts/{organisationCode}").WithTags("Host organisations (協力事業所)");
        hosts.MapGet("/", View).RequireRoles(ParticipationRoles.Hosts)
            .WithName("GetHostView")
            .WithSummary("A host organisation's opportunities with capacity and current use. Host staff (agency_staff) see only their own organisation (token org claim); any other is 404.");
        hosts.MapGet("/participants", Participants).RequireRoles(ParticipationRoles.Hosts)
            .WithName("ListHostParticipants")
            .WithSummary("The host's current participants (見学・体験・参加中), in placement id order, with only what the host needs to know (audited).");
    }

    /// <summary>Host staff may look at their own organisation only; to them another's is as if it did not exist.</summary>
    private static bool MaySee(HttpContext http, string organisationCode) =>
        !http.User.IsInRole(JusouRoles.AgencyStaff) || http.User.IsInRole(JusouRoles.Coordinator) || http.User.IsInRole(JusouRoles.Manager)
        || http.User.OrganisationCode() == organisationCode;

    private static async Task<Results<Ok<HostView>, NotFound>> View(
        string organisationCode, ParticipationDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        if (!MaySee(http, organisationCode)) return TypedResults.NotFound();
        var opportunities = await db.Opportunities.AsNoTracking().Where(o => o.HostOrganisationCode == organisationCode)
            .OrderBy(o => o.Id).ToListAsync(cancellationToken);
        if (opportunities.Count == 0) return TypedResults.NotFound();
        var ids = opportunities.Select(o => o.Id).ToList();
        var participants = await db.Placements.AsNoTracking().CountAsync(p => ids.Contains(p.OpportunityId) && p.Stage != ParticipationCodes.Stage.Ended, cancellationToken);
        return TypedResults.Ok(new HostView(organisationCode, participants, opportunities.Select(o => new HostOpportunity(o.Id, o.Title, o.Kind,
            o.DistrictCode, o.Days, o.TimeSlots, o.ScheduleNote, o.Capacity, o.CurrentUse, o.RemainingPlaces, o.IsOpen, o.ClosedReason)).ToList()));
    }

    private static async Task<Results<Ok<Page<HostParticipant>>, NotFound, ValidationProblem>> Participants(
        string organisationCode, ParticipationDbContext db, HttpContext http, int? pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryRead(pageSize, pageToken, out var page, out var errors)) return TypedResults.ValidationProblem(errors);
        if (!MaySee(http, organisationCode)) return TypedResults.NotFound();
        if (!await db.Opportunities.AnyAsync(o => o.HostOrganisationCode == organisationCode, cancellationToken)) return TypedResults.NotFound();

        var query =
            from placement in db.Placements.AsNoTracking()
            join opportunity in db.Opportunities.AsNoTracking() on placement.OpportunityId equals opportunity.Id
            join request in db.Requests.AsNoTracking() on placement.RequestId equals request.Id
            where opportunity.HostOrganisationCode == organisationCode && placement.Stage != ParticipationCodes.Stage.Ended
            select new { placement.Id, placement.OpportunityId, placement.Stage, placement.StartedOn, request.NeededAccommodations, placement.HostNote, placement.NextCheckInOn };
        var rows = await query.PageOf(page, p => p.Id).ToListAsync(cancellationToken);
        var result = page.ToPage(rows, p => p.Id, p => new HostParticipant(p.Id, p.OpportunityId, p.Stage, p.StartedOn, p.NeededAccommodations,
            p.HostNote, p.NextCheckInOn));
        await db.AuditReadsAsync(http, "host_view", "placement", result.Items.Select(p => p.PlacementId), cancellationToken);
        return TypedResults.Ok(result);
    }
}
