namespace Jusou.Web.Cases;

// What the MultiAgency API answers about a support case, as far as the screens show it (docs/api.md#multiagency).

public sealed record SupportCase(
    Guid Id, Guid? ConsultationId, Guid? PersonId, string? MainConcern, string? ReferralRoute, string? HouseholdType, string? DistrictCode,
    string? CoordinatorId, string Status, string Track, DateTimeOffset OpenedAt, DateTimeOffset? LastActivityAt, string? ClosureReason,
    DateTimeOffset? ClosedAt, string? SuspensionReason, IReadOnlyList<CaseStatusChange> StatusHistory, IReadOnlyList<Involvement> Involvements);

public sealed record CaseStatusChange(string? FromStatus, string Status, string? Reason, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record Involvement(
    Guid Id, string OrganisationCode, string Role, string? Note, DateOnly StartedOn, DateOnly? EndedOn, string? EndReason);

public sealed record TimelineEntry(Guid Id, DateTimeOffset At, string Source, string Kind, string? Detail, Guid? RecordId);

public sealed record AssessmentArea(string Area, string Severity, string? Finding, string? Need);

public sealed record Assessment(Guid Id, int Number, DateOnly AssessedOn, IReadOnlyList<AssessmentArea> Areas, string? Strengths, string? Summary,
    string RecordedBy);

public sealed record PlanGoal(Guid Id, int Position, string? Term, string Text, string? Result);

public sealed record PlanAction(Guid ActionId, string Kind, string OrganisationCode, string? Description, DateOnly? DueOn);

public sealed record SupportPlan(
    Guid Id, int Number, string Status, DateOnly? ReviewOn, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<PlanAction> Actions,
    Guid? MeetingId, DateOnly? ApprovedOn, string? ApprovedBy);

public sealed record ProgressRecord(Guid Id, string Kind, DateOnly On, string Text, string AuthorId, string? OrganisationCode, DateTimeOffset RecordedAt);

public sealed record WatchAlert(Guid Id, Guid CaseId, string Rule, string Key, DateOnly? DueOn, DateTimeOffset RaisedAt, string Status,
    string? DismissedReason);

public sealed record ActionTask(Guid Id, Guid CaseId, string Kind, string OrganisationCode, string? Description, DateOnly? DueOn, string Status,
    DateTimeOffset SentAt);
