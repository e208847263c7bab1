using System.Reflection;
using Jusou.Contracts;

namespace Jusou.Rules.Tests.Privacy;

/// <summary>
/// Events carry no personal data: any integrator may subscribe to them. Every field of every event in
/// services/Contracts must be an id, a code, a date/time, a count, a flag or the tenant. A string is allowed only
/// when its name says it is a code; adding a "Name", "Address", "Summary" or "Notes" field fails here.
/// </summary>
public sealed class EventPrivacyTests
{
    private static readonly Type[] Events = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .ToArray();

    // String fields hold codes from the code tables (GET /api/<service>/codes) or organisation ids, never text.
    private static readonly string[] CodeNameEndings =
    [
        "Code", "Codes", "Rule", "Kind", "Status", "Stage", "Track", "Concern", "Route", "Type", "Channel", "Disposition",
        "Level", "Method", "Outcome", "Reason", "Source", "Petitioner", "OrganisationId",
    ];

    private static readonly Type[] PlainTypes =
        [typeof(Guid), typeof(DateTimeOffset), typeof(DateOnly), typeof(int), typeof(long), typeof(bool)];

    [Fact]
    public void Every_event_field_is_an_id_code_date_count_flag_or_tenant()
    {
        Assert.True(Events.Length >= 20, $"found only {Events.Length} events: is the Contracts assembly the right one?");
        var offending = Events.SelectMany(e => e.GetProperties().Where(p => !Allowed(p)).Select(p => $"{e.Name}.{p.Name} ({p.PropertyType.Name})")).ToList();
        Assert.True(offending.Count == 0, "fields that could carry personal data: " + string.Join(", ", offending));
    }

    [Fact]
    public void The_rule_rejects_a_field_that_could_carry_a_name_or_free_text()
    {
        Assert.False(Allowed(typeof(Leaky).GetProperty(nameof(Leaky.PersonName))!));
        Assert.False(Allowed(typeof(Leaky).GetProperty(nameof(Leaky.Notes))!));
        Assert.False(Allowed(typeof(Leaky).GetProperty(nameof(Leaky.Details))!));
        Assert.True(Allowed(typeof(Leaky).GetProperty(nameof(Leaky.DistrictCode))!));
    }

    private static bool Allowed(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (PlainTypes.Contains(type)) return true;
        var isCodeName = CodeNameEndings.Any(ending => property.Name.EndsWith(ending, StringComparison.Ordinal));
        if (type == typeof(string)) return isCodeName || property.GetCustomAttribute<PublicTextAttribute>() is { Why.Length: > 0 };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = type.GetGenericArguments()[0];
            return item == typeof(int) || item == typeof(Guid) || (item == typeof(string) && isCodeName);
        }
        return false;
    }

    private sealed record Leaky(string PersonName, string Notes, object Details, string DistrictCode);

    [Fact]
    public void Text_passes_only_where_the_field_says_why_it_is_public()
    {
        Assert.True(Allowed(typeof(Jusou.Contracts.CommunityResources.AreaNamed).GetProperty("Name")!));
        Assert.False(Allowed(typeof(Leaky).GetProperty(nameof(Leaky.PersonName))!));
    }
}
