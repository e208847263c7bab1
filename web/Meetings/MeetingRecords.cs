namespace Jusou.Web.Meetings;

// What the MultiAgency API answers about meetings (会議; docs/api.md#multiagency).

public sealed record MeetingSummary(Guid Id, DateOnly Date, string Type, int AttendeeCount, int ItemCount, int DecidedCount);

public sealed record Meeting(
    Guid Id, DateOnly Date, string Type, string? Minutes, string CreatedBy, IReadOnlyList<Attendee> Attendees, IReadOnlyList<MeetingItem> Items);

public sealed record Attendee(Guid Id, string OrganisationCode, string Role, string? SubjectId);

public sealed record MeetingItem(Guid Id, Guid CaseId, string Stream, string? Decision, string? Note, Guid? DecisionId);
