using System.Text;
using System.Text.RegularExpressions;

namespace Jusou.Contracts;

/// <summary>
/// The names integrators see, made for people rather than for C#: every event arrives on one topic exchange,
/// <see cref="Exchange"/>, with the routing key <c>{tenantCode}.{service}.{event}.v{n}</c>, e.g.
/// <c>032085.multiagency.support-case-opened.v1</c>. A subscriber binds <c>032085.#</c> for all of one municipality's
/// events or <c>032085.intake.consultation-referred.v1</c> for one; a broker account of one municipality may bind only
/// keys that start with its code (docs/events/README.md). The names are pinned by the event catalogue in docs/events:
/// renaming a contract type shows up there as a breaking change, and a breaking change is a new type (…V2 → .v2).
/// </summary>
public static partial class EventNames
{
    /// <summary>The topic exchange integrators bind their queues to.</summary>
    public const string Exchange = "jusou.events";

    /// <summary>Every concrete integration event, in a stable order.</summary>
    public static IReadOnlyList<Type> Events { get; } = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The publishing service: the last segment of the contract's namespace (Intake, MultiAgency …).</summary>
    public static string ServiceOf(Type e) => e.Namespace![(e.Namespace!.LastIndexOf('.') + 1)..];

    /// <summary>The event's name without the tenant: <c>{service}.{event}.v{n}</c>, e.g. <c>intake.consultation-referred.v1</c>.</summary>
    public static string Of(Type e)
    {
        var service = ServiceOf(e).ToLowerInvariant();
        var version = Version().Match(e.Name);
        var name = version.Success ? e.Name[..version.Index] : e.Name;
        return $"{service}.{Kebab(name)}.v{(version.Success ? version.Groups[1].Value : "1")}";
    }

    /// <summary>The routing key an event of <paramref name="tenantCode"/> is published with on <see cref="Exchange"/>.</summary>
    public static string RoutingKey(string tenantCode, Type e) => $"{tenantCode}.{Of(e)}";

    /// <summary>SupportCaseOpened → support-case-opened.</summary>
    private static string Kebab(string name)
    {
        var kebab = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(name[i]));
        }
        return kebab.ToString();
    }

    [GeneratedRegex("V([0-9]+)$")]
    private static partial Regex Version();
}
