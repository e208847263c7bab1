namespace Jusou.Contracts.Outreach;

/// <summary>
/// An outreach worker connected a person who agreed to be helped: Intake records a consultation for them, so they
/// enter the normal path. The person's identity stays in Outreach until linked at the counter.
/// </summary>
/// <param name="ConsentRecorded">Whether the person consented to sharing (本人同意あり) at hand-off.</param>
public sealed record OutreachHandedOff(
    Guid EventId, DateTimeOffset OccurredAt, string TenantCode,
    Guid TargetId, string? DistrictCode, string? MainConcern, bool ConsentRecorded) : IIntegrationEvent;
