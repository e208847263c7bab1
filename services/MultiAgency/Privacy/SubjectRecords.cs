using Jusou.MultiAgency.Assessments;
using Jusou.MultiAgency.Cases;
using Jusou.MultiAgency.HandOffs;
using Jusou.MultiAgency.Meetings;
using Jusou.MultiAgency.Plans;
using Jusou.MultiAgency.Watch;
using Jusou.MultiAgency.Watch.CaseSupports;

namespace Jusou.MultiAgency.Privacy;

/// <summary>
/// MultiAgency's part of a 開示請求: the person's support cases with their histories and involvements, and of those
/// cases the assessments, plans, the hand-offs of their actions, 支援経過記録, timeline, supports in place and 制度切れ alerts, the ages
/// Intake announced and the referrals to agencies Intake reported, and the
/// meetings that discussed them — each meeting with its minutes and only this person's items.
/// The 支援会議's minutes are included although they are confidential to its members (法106条の6): the request is the
/// person's own, answered by a manager, and whether any part is withheld (不開示, e.g. what concerns third parties,
/// 個人情報保護法 第78条) is the municipality's decision on the assembled document, not this service's.
/// </summary>
public static class SubjectRecords
{
    public static async Task<SubjectAccessPart?> Gather(MultiAgencyDbContext db, SubjectQuery query, CancellationToken cancellationToken)
    {
        var personIds = query.PersonIds;
        var cases = await db.SupportCases.AsNoTracking()
            .Include(c => c.StatusHistory).Include(c => c.TrackHistory).Include(c => c.Involvements).AsSplitQuery()
            .Where(c => c.PersonId != null && personIds.Contains(c.PersonId.Value)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var caseIds = cases.Select(c => c.Id).ToList();

        var assessments = await db.Assessments.AsNoTracking().Include(a => a.Areas)
            .Where(a => caseIds.Contains(a.CaseId)).OrderBy(a => a.CaseId).ThenBy(a => a.Number).ToListAsync(cancellationToken);
        var plans = await db.SupportPlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).AsSplitQuery()
            .Where(p => caseIds.Contains(p.CaseId)).OrderBy(p => p.CaseId).ThenBy(p => p.Number).ToListAsync(cancellationToken);
        var timeline = await db.CaseTimeline.AsNoTracking()
            .Where(e => caseIds.Contains(e.CaseId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var progressRecords = await db.CaseProgressRecords.AsNoTracking()
            .Where(r => caseIds.Contains(r.CaseId)).OrderBy(r => r.CaseId).ThenBy(r => r.On).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var supports = await db.CaseSupports.AsNoTracking()
            .Where(s => caseIds.Contains(s.CaseId)).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var alerts = await db.WatchAlerts.AsNoTracking()
            .Where(a => caseIds.Contains(a.CaseId)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var milestones = await db.PersonAgeMilestones.AsNoTracking()
            .Where(m => personIds.Contains(m.PersonId)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var tasks = await db.ActionTasks.AsNoTracking()
            .Where(t => caseIds.Contains(t.CaseId)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var referrals = await db.AgencyReferrals.AsNoTracking()
            .Where(r => r.PersonId != null && personIds.Contains(r.PersonId.Value)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var items = await db.MeetingItems.AsNoTracking()
            .Where(i => caseIds.Contains(i.CaseId)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var meetingIds = items.Select(i => i.MeetingId).Distinct().ToList();
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => meetingIds.Contains(m.Id)).OrderBy(m => m.Date).ThenBy(m => m.Id).ToListAsync(cancellationToken);

        var caseById = cases.ToDictionary(c => c.Id);
        return new SubjectAccessPart(new Dictionary<string, IReadOnlyList<object>>
        {
            ["supportCases"] = cases.Select(SupportCaseResponse.From).ToList(),
            ["assessments"] = assessments.Select(AssessmentResponse.From).ToList(),
            ["supportPlans"] = plans.Select(PlanResponse.From).ToList(),
            ["progressRecords"] = progressRecords.Select(ProgressRecordResponse.From).ToList(),
            ["caseTimeline"] = timeline.Select(e => new { e.Id, e.CaseId, e.At, e.Source, e.Kind, e.Detail, e.RecordId }).ToList(),
            ["caseSupports"] = supports.Select(CaseSupportResponse.From).ToList(),
            ["watchAlerts"] = alerts.Select(a => WatchAlertResponse.From(a, caseById[a.CaseId])).ToList(),
            ["actionTasks"] = tasks.Select(t => TaskResponse.From(t, null)).ToList(),
            ["agencyReferrals"] = referrals.Select(r => new { r.Id, r.ConsultationId, r.PersonId, r.OrganisationCode, r.Status, r.StatusAt, r.SentAt }).ToList(),
            ["ageMilestones"] = milestones.Select(m => new { m.Id, m.PersonId, m.Threshold, m.ReachesOn, m.ReceivedAt }).ToList(),
            ["meetings"] = meetings.Select(m => new
            {
                m.Id, m.Date, m.Type, m.Minutes,
                Items = items.Where(i => i.MeetingId == m.Id).Select(i => new MeetingItemResponse(i.Id, i.CaseId, i.Stream, i.Decision, i.Note, i.DecisionId)).ToList(),
            }).ToList(),
        });
    }
}
