using System.Text;

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
