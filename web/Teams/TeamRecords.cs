namespace Jusou.Web.Teams;

// What the lists of 参加支援, アウトリーチ, 地域資源 and 権利擁護 answer, as far as the screens show them.

public sealed record ParticipationRequest(Guid Id, string Source, Guid? SupportCaseId, string? DistrictCode, IReadOnlyList<string> WishedKinds,
    string? Coordinator, string Status, DateTimeOffset OpenedAt);

public sealed record Opportunity(Guid Id, string HostOrganisationCode, string? Title, string Kind, string? DistrictCode, int? Capacity,
    int CurrentUse, bool Full, bool Open);

public sealed record OutreachTarget(Guid Id, string Source, Guid? SupportCaseId, string? Name, string? DistrictCode, string RiskLevel,
    string Stage, string? AssignedWorker, DateOnly IdentifiedOn, DateOnly? NextContactOn, bool Overdue);

public sealed record CommunityService(Guid Id, Guid OrganisationId, string Name, IReadOnlyList<string> Kinds, IReadOnlyList<string> TargetGroups,
    string DeliveryMethod, string AreaCode, string? Department, bool ParticipationCapable, string Status);

public sealed record CooperationEntry(Guid Id, Guid OrganisationId, IReadOnlyList<string> Fields, string? Offer, string? AreaCode, bool Active);

public sealed record GuardianshipMatter(Guid Id, string Type, string Petitioner, string Stage, DateOnly StageOn, DateOnly OpenedOn,
    Guid? SupportCaseId, string? PersonName, string Source);
