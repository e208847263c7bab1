using System.ComponentModel.DataAnnotations;

namespace Jusou.MultiAgency.Cases;

/// <summary>A coordinator opens a case directly (not from a referral): the track is required, everything else optional.</summary>
/// <param name="CoordinatorId">The coordinator in charge; the caller when omitted.</param>
public sealed record OpenCaseRequest(
    string Track,
    Guid? PersonId = null,
    string? MainConcern = null,
    string? ReferralRoute = null,
    string? HouseholdType = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    [property: MaxLength(CaseRequests.CoordinatorIdMaxLength)] string? CoordinatorId = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .Require("track", Track)
        .OneOf("track", Track, SupportCaseCodes.Tracks)
        .OneOf("mainConcern", MainConcern, SupportCaseCodes.Concerns)
        .OneOf("referralRoute", ReferralRoute, SupportCaseCodes.ReferralRoutes)
        .OneOf("householdType", HouseholdType, SupportCaseCodes.HouseholdTypes);
}

/// <summary>Changes to a case's codes or coordinator; omitted fields stay as they are. Needs If-Match.</summary>
public sealed record CasePatch(
    string? MainConcern = null,
    string? ReferralRoute = null,
    string? HouseholdType = null,
    [property: MaxLength(Lengths.DistrictCode)] string? DistrictCode = null,
    [property: MaxLength(CaseRequests.CoordinatorIdMaxLength)] string? CoordinatorId = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this)
            .OneOf("mainConcern", MainConcern, SupportCaseCodes.Concerns)
            .OneOf("referralRoute", ReferralRoute, SupportCaseCodes.ReferralRoutes)
            .OneOf("householdType", HouseholdType, SupportCaseCodes.HouseholdTypes);
        if (MainConcern is null && ReferralRoute is null && HouseholdType is null && DistrictCode is null && CoordinatorId is null)
        {
            validation.Add("body", "Send at least one field to change.");
        }
        if (CoordinatorId is { Length: 0 }) validation.Add("coordinatorId", "coordinatorId cannot be empty.");
        return validation;
    }
}

/// <summary>
/// Move a case along its lifecycle. Closing (終結) needs a closure reason and may name the meeting that decided it;
/// reopening (closed → assessment) needs a reopen reason; suspending (中断) needs a suspension reason, and a suspended
/// case resumes by moving to the status it left (suspendedFrom). Needs If-Match.
/// </summary>
public sealed record StatusChangeRequest(
    string Status, string? Reason = null, Guid? MeetingId = null, [property: MaxLength(CaseRequests.NoteMaxLength)] string? Note = null)
{
    public Validation Validate(string currentStatus)
    {
        var validation = new Validation().Limits(this)
            .Require("status", Status)
            .OneOf("status", Status, SupportCaseCodes.Statuses);
        var closing = Status == SupportCaseCodes.Closed;
        var reopening = currentStatus == SupportCaseCodes.Closed && Status is not null and not SupportCaseCodes.Closed;
        var suspending = Status == SupportCaseCodes.Suspended;
        if (closing)
        {
            validation.Require("reason", Reason).OneOf("reason", Reason, SupportCaseCodes.ClosureReasons);
        }
        else if (reopening)
        {
            validation.Require("reason", Reason).OneOf("reason", Reason, SupportCaseCodes.ReopenReasons);
        }
        else if (suspending)
        {
            validation.Require("reason", Reason).OneOf("reason", Reason, SupportCaseCodes.SuspensionReasons);
        }
        else if (Reason is not null)
        {
            validation.Add("reason", "A reason goes only with closing (終結), suspending (中断) or reopening a case.");
        }
        if (MeetingId is not null && !closing) validation.Add("meetingId", "A meeting is recorded only for closing (終結).");
        if (MeetingId == Guid.Empty) validation.Add("meetingId", "meetingId is not a meeting id.");
        return validation;
    }
}

/// <summary>Move a case between the 支援会議 track and the consented track. Needs If-Match.</summary>
public sealed record TrackChangeRequest(string Track, string Reason, [property: MaxLength(CaseRequests.NoteMaxLength)] string? Note = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .Require("track", Track)
        .OneOf("track", Track, SupportCaseCodes.Tracks)
        .Require("reason", Reason)
        .OneOf("reason", Reason, SupportCaseCodes.TrackChangeReasons);
}

/// <summary>An organisation takes a role in a case (役割分担).</summary>
public sealed record InvolvementRequest(
    [property: MaxLength(Lengths.OrganisationCode)] string OrganisationCode, string Role, DateOnly? StartedOn = null,
    [property: MaxLength(CaseRequests.ContactSubjectMaxLength)] string? ContactSubject = null,
    [property: MaxLength(CaseRequests.NoteMaxLength)] string? Note = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this)
            .Require("organisationCode", OrganisationCode)
            .Require("role", Role)
            .OneOf("role", Role, SupportCaseCodes.InvolvementRoles);
        if (Role == SupportCaseCodes.PlanActionRole)
        {
            validation.Add("role", "plan_action is given by approving a plan with an action for the organisation, not by hand.");
        }
        return validation;
    }
}

public sealed record EndInvolvementRequest(string Reason, DateOnly? EndedOn = null)
{
    public Validation Validate() => new Validation()
        .Require("reason", Reason)
        .OneOf("reason", Reason, SupportCaseCodes.InvolvementEndReasons);
}

public sealed record StatusChangeResponse(string? FromStatus, string Status, string? Reason, Guid? MeetingId, string? Note, string ChangedBy, DateTimeOffset ChangedAt);
public sealed record TrackChangeResponse(string FromTrack, string Track, string Reason, string? Note, string ChangedBy, DateTimeOffset ChangedAt);
/// <param name="PlanActionIds">For the role plan_action: the live actions of the approved plan that keep the organisation involved.</param>
public sealed record InvolvementResponse(
    Guid Id, string OrganisationCode, string Role, string? ContactSubject, string? Note, DateOnly StartedOn, DateOnly? EndedOn, string? EndReason,
    string AddedBy, DateTimeOffset AddedAt, IReadOnlyList<Guid>? PlanActionIds = null)
{
    public static InvolvementResponse From(CaseInvolvement i) => new(i.Id, i.OrganisationCode, i.Role, i.ContactSubject, i.Note, i.StartedOn,
        i.EndedOn, i.EndReason, i.AddedBy, i.AddedAt, i.Role == SupportCaseCodes.PlanActionRole ? i.PlanActionIds : null);
}

/// <param name="LastActivityAt">The newest line of the case's timeline; given when one case is read, not in lists.</param>
public sealed record SupportCaseResponse(
    Guid Id, Guid? ConsultationId, Guid? PersonId, string? MainConcern, string? ReferralRoute, string? HouseholdType, string? DistrictCode,
    string? CoordinatorId, string Status, string Track, DateTimeOffset OpenedAt, string? OpenedBy, DateTimeOffset? LastActivityAt,
    string? ClosureReason, DateTimeOffset? ClosedAt, Guid? ClosingMeetingId, string? SuspensionReason, string? SuspendedFrom,
    IReadOnlyList<StatusChangeResponse> StatusHistory, IReadOnlyList<TrackChangeResponse> TrackHistory, IReadOnlyList<InvolvementResponse> Involvements)
{
    public static SupportCaseResponse From(SupportCase c) => new(
        c.Id, c.ConsultationId, c.PersonId, c.MainConcern, c.ReferralRoute, c.HouseholdType, c.DistrictCode, c.CoordinatorId, c.Status, c.Track,
        c.OpenedAt, c.OpenedBy, null, c.ClosureReason, c.ClosedAt, c.ClosingMeetingId, c.SuspensionReason, c.SuspendedFrom,
        c.StatusHistory.OrderBy(s => s.ChangedAt).ThenBy(s => s.Id)
            .Select(s => new StatusChangeResponse(s.FromStatus, s.Status, s.Reason, s.MeetingId, s.Note, s.ChangedBy, s.ChangedAt)).ToList(),
        c.TrackHistory.OrderBy(t => t.ChangedAt).ThenBy(t => t.Id)
            .Select(t => new TrackChangeResponse(t.FromTrack, t.Track, t.Reason, t.Note, t.ChangedBy, t.ChangedAt)).ToList(),
        c.Involvements.OrderBy(i => i.Id)
            .Select(InvolvementResponse.From).ToList());
}

public static class CaseRequests
{
    public const int NoteMaxLength = 2000;
    public const int CoordinatorIdMaxLength = 100;
    public const int ContactSubjectMaxLength = 200;
}
