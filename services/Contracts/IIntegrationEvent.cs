namespace Jusou.Contracts;

/// <summary>
/// What every integration event carries. Events hold ids, codes, counts, dates and the tenant only:
/// never names, addresses or free text, because any integrator may subscribe to them.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique id of this event; also the message id on the bus, so consumers can de-duplicate.</summary>
    Guid EventId { get; }

    /// <summary>When the fact happened (UTC).</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>全国地方公共団体コード of the municipality the fact belongs to (e.g. 032085 遠野市).</summary>
    string TenantCode { get; }
}
