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

/// <summary>
/// The one exception to "no text in events", stated on the field: text that is public and names no one, such as the
/// name of an area of the municipality (附馬牛地区). EventPrivacyTests lets a string through only with this or a code name.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublicTextAttribute(string why) : Attribute
{
    public string Why => why;
}
