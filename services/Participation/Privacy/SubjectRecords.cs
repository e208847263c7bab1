using Jusou.Participation.Placements;
using Jusou.Participation.Requests;

namespace Jusou.Participation.Privacy;

/// <summary>
/// Participation's part of a 開示請求: the person's participation requests (by Intake person id), the placements made
/// for them, their 定着支援 check-ins and the counselling sessions, notes included.
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(ParticipationDbContext db, TimeProvider clock, SubjectQuery query,
        CancellationToken cancellationToken)
    {
        var personIds = query.PersonIds;
        var requests = await db.Requests.AsNoTracking().Where(r => r.PersonId != null && personIds.Contains(r.PersonId.Value))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var requestIds = requests.Select(r => r.Id).ToList();
        var placements = await db.Placements.AsNoTracking().Where(p => requestIds.Contains(p.RequestId))
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var placementIds = placements.Select(p => p.Id).ToList();
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => placementIds.Contains(c.PlacementId))
            .OrderBy(c => c.HeldOn).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking().Where(s => requestIds.Contains(s.RequestId))
            .OrderBy(s => s.HeldOn).ThenBy(s => s.Id).ToListAsync(cancellationToken);

        var today = JapanDate.Today(clock);
        return new SubjectAccessPart(new Dictionary<string, IReadOnlyList<object>>
        {
            ["requests"] = requests.Select(ParticipationRequestResponse.From).ToList(),
            ["placements"] = placements.Select(p => PlacementResponse.From(p, today)).ToList(),
            ["checkIns"] = checkIns.Select(CheckInResponse.From).ToList(),
            ["counsellingSessions"] = sessions.Select(SessionResponse.From).ToList(),
        });
    }
}
