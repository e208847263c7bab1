using System.Security.Claims;

namespace Jusou.MultiAgency.Cases;

/// <summary>
/// Who may see which case, and the audit row for each use of one. The city's coordinators and managers see every case
/// of their municipality; a partner agency's staff see only the cases their organisation is currently involved in,
/// under the rule of the case's track (本人同意, or the 支援会議's 守秘義務 under 法106条の6).
/// </summary>
public static class CaseAccess
{
    public static readonly string[] Readers = [JusouRoles.Coordinator, JusouRoles.AgencyStaff, JusouRoles.Manager];
    public static readonly string[] Writers = [JusouRoles.Coordinator];

    public static bool IsPartnerAgency(ClaimsPrincipal user) =>
        user.IsInRole(JusouRoles.AgencyStaff) && !user.IsInRole(JusouRoles.Coordinator) && !user.IsInRole(JusouRoles.Manager);

    public static IQueryable<SupportCase> VisibleTo(this IQueryable<SupportCase> cases, ClaimsPrincipal user)
    {
        if (!IsPartnerAgency(user)) return cases;
        var organisation = user.OrganisationCode() ?? "";
        return cases.Where(c => c.Involvements.Any(i => i.OrganisationCode == organisation && i.EndedOn == null));
    }

    /// <summary>The case with its histories and involvements, if the caller may see it (else null: 404, whatever the reason).</summary>
    public static Task<SupportCase?> Find(MultiAgencyDbContext db, HttpContext http, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.SupportCases.Include(c => c.StatusHistory).Include(c => c.TrackHistory).Include(c => c.Involvements)
            .VisibleTo(http.User).AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The case alone (no children), for the features that hang off it.</summary>
    public static Task<SupportCase?> FindHead(MultiAgencyDbContext db, HttpContext http, Guid id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.SupportCases.VisibleTo(http.User);
        if (!tracking) query = query.AsNoTracking();
        return query.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The audit row for the caller's use of (a part of) <paramref name="supportCase"/>.</summary>
    public static AuditEntry Audit(HttpContext http, string action, string recordType, SupportCase supportCase) =>
        AuditEntry.For(http, action, recordType, supportCase.Id,
            IsPartnerAgency(http.User) ? SupportCaseCodes.SharingRuleFor(supportCase.Track) : AuditEntry.RoleInTenant);
}
