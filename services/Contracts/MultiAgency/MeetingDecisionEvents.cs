namespace Jusou.Contracts.MultiAgency;

// What a meeting decided for a case (方針), for the services that act on it. Ids, codes and dates only: never the
// note or the minutes, which stay in the meeting under its confidentiality.

/// <summary>
/// A decision (方針) was recorded on a case discussed at a meeting. Outreach opens a target for "to_outreach",
/// Participation a request for "to_participation", RightsAdvocacy a matter for "to_rights_advocacy"; MultiAgency acts
/// on the others itself. Each recording has its own <paramref name="DecisionId"/>: the record a service opens for it is
/// keyed by that id, and <see cref="MeetingDecisionWithdrawn"/> names it.
/// </summary>
/// <param name="DecisionCode">to_multi_agency, to_outreach, to_participation, to_rights_advocacy, continue_with_agencies, watch, close.</param>
/// <param name="MeetingType">The meeting type code (support_meeting = 支援会議 under 法106条の6).</param>
/// <param name="SharingRule">"consent" or "support_meeting": what allows sharing this case with the service that acts.</param>
/// <param name="MainConcern">相談内容 (主なもの) code of the case, when known.</param>
public sealed record MeetingDecisionRecorded(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid DecisionId, Guid MeetingId, Guid ItemId, Guid CaseId, string DecisionCode, DateOnly MeetingDate, string MeetingType,
    string SharingRule, Guid? PersonId, string? DistrictCode, string? MainConcern) : IIntegrationEvent;

/// <summary>
/// A recorded decision was changed or removed. The service that opened a record for it cancels that record while
/// nothing has been done on it yet, else keeps it and says so (an activity on the case timeline). May arrive before
/// the <see cref="MeetingDecisionRecorded"/> it withdraws: the receiver remembers the id and opens nothing later.
/// </summary>
/// <param name="DecisionCode">The decision code withdrawn.</param>
/// <param name="Reason">changed (another decision replaced it), cleared (no decision any more), item_removed.</param>
public sealed record MeetingDecisionWithdrawn(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid DecisionId, Guid MeetingId, Guid ItemId, Guid CaseId, string DecisionCode, string Reason) : IIntegrationEvent;
