using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Collects field errors for a ValidationProblem (400 naming each field). Requests validate themselves with it,
/// explicitly, next to the fields they check.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages)) _errors[field] = messages = [];
        messages.Add(message);
        return this;
    }

    public Validation Require(string field, object? value) =>
        value is null || value is string { Length: 0 } ? Add(field, $"{field} is required.") : this;

    public Validation MaxLength(string field, string? value, int max) =>
        value is not null && value.Length > max ? Add(field, $"{field} must be at most {max} characters.") : this;

    /// <summary>
    /// Every string the request declares a limit for with <c>[property: MaxLength(n)]</c> (or <c>[StringLength]</c>), in
    /// the request and in the records and lists it holds (<c>goals[0].text</c>), is at most that long: the attribute is
    /// the limit's one statement, which the OpenAPI document also shows as <c>maxLength</c>. Call it once per request.
    /// </summary>
    public Validation Limits(object? request) => Limits(request, "");

    private Validation Limits(object? value, string prefix)
    {
        if (value is null) return this;
        foreach (var member in LimitedMembers.Of(value.GetType()))
        {
            var field = prefix + member.JsonName;
            var memberValue = member.Property.GetValue(value);
            switch (member)
            {
                case { MaxLength: { } max }:
                    MaxLength(field, memberValue as string, max);
                    break;
                case { IsList: true } when memberValue is IEnumerable items:
                    var index = 0;
                    foreach (var item in items) Limits(item, $"{field}[{index++}].");
                    break;
                default:
                    Limits(memberValue, field + ".");
                    break;
            }
        }
        return this;
    }

    /// <summary>A request type's members that carry a length limit or hold records that do (found once per type).</summary>
    private sealed record LimitedMembers(PropertyInfo Property, string JsonName, int? MaxLength, bool IsList)
    {
        private static readonly ConcurrentDictionary<Type, LimitedMembers[]> Cache = new();

        public static LimitedMembers[] Of(Type type) => Cache.GetOrAdd(type, t => Find(t, []));

        /// <param name="seen">The types being looked into, outer ones first: a record that holds itself is looked into once.</param>
        private static LimitedMembers[] Find(Type type, HashSet<Type> seen)
        {
            if (Cache.TryGetValue(type, out var known)) return known;
            if (!seen.Add(type)) return [];
            var members = new List<LimitedMembers>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                // What the caller sends: a computed property (no setter) is not part of the request.
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.SetMethod is null) continue;
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (property.PropertyType == typeof(string))
                {
                    var max = property.GetCustomAttribute<MaxLengthAttribute>()?.Length
                        ?? property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength;
                    if (max is { } limit) members.Add(new(property, name, limit, false));
                }
                else if (ElementType(property.PropertyType) is { } element)
                {
                    if (Holds(element, seen)) members.Add(new(property, name, null, true));
                }
                else if (Holds(property.PropertyType, seen))
                {
                    members.Add(new(property, name, null, false));
                }
            }
            seen.Remove(type);
            return [.. members];
        }

        /// <summary>Only the project's own records are walked into, never a framework type.</summary>
        private static bool Holds(Type type, HashSet<Type> seen) =>
            !type.IsValueType && type != typeof(string) && type.Namespace?.StartsWith("Jusou", StringComparison.Ordinal) == true
            && Find(type, seen).Length > 0;

        private static Type? ElementType(Type type) =>
            type == typeof(string) ? null
            : type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    public Validation OneOf(string field, string? code, IReadOnlyDictionary<string, string> table) =>
        code is not null && !table.ContainsKey(code)
            ? Add(field, $"'{code}' is not a {field} code; see the codes endpoint.")
            : this;

    public Validation NotInFuture(string field, DateTimeOffset? value, TimeProvider clock) =>
        value is { } when && when > clock.GetUtcNow().AddMinutes(5) ? Add(field, $"{field} cannot be in the future.") : this;

    /// <summary>Free text (notes, minutes, descriptions) is stored as given but in Unicode NFC, so the same text is always the same bytes.</summary>
    public static string? Normalize(string? text) => text?.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// A person's name is stored exactly as given, code point for code point — only the surrounding spaces go. Never NFC:
    /// it rewrites CJK compatibility ideographs (侮 U+FA30 becomes 侮 U+4FAE, 塚 U+FA10 becomes 塚), which changes a
    /// registered name; variation selectors stay too. Searching folds all of that in the name's search key instead.
    /// </summary>
    public static string? PersonName(string? name) => name?.Trim();
}
