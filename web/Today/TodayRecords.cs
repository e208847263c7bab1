namespace Jusou.Web.Today;

// What 今日の仕事 gathers from the services' lists (each read with the user's own token and roles).

public sealed record OverdueTarget(Guid Id, string? Name, string Stage, string RiskLevel, string? DistrictCode, DateOnly? NextContactOn);

public sealed record OverdueCheckIn(Guid PlacementId, Guid RequestId, Guid? SupportCaseId, string Stage, string? SupportWorker,
    DateOnly NextCheckInOn, int DaysOverdue);

public sealed record AgencyReferral(Guid Id, Guid ConsultationId, string OrganisationCode, string? Reason, string Status, DateTimeOffset SentAt);
