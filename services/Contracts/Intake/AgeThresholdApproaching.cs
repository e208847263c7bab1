namespace Jusou.Contracts.Intake;

/// <summary>
/// A person referred to 多機関協働 reaches a watched age (18, 40, 65 …) within the tenant's watch window. Intake keeps
/// the birth date; only the person id, the threshold and the day it is reached travel, once per person and threshold.
/// </summary>
public sealed record AgeThresholdApproaching(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid PersonId, int Threshold, DateOnly ReachesOn) : IIntegrationEvent;
