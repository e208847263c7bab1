using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Jusou.MultiAgency.Meetings;

/// <remarks>Its length limits are checked with the request that holds it (<see cref="Validation.Limits"/>).</remarks>
public sealed record AttendeeRequest(
    [property: MaxLength(Lengths.OrganisationCode)] string OrganisationCode, string Role,
    [property: MaxLength(AttendeeRequest.SubjectIdMaxLength)] string? SubjectId = null)
{
    public const int SubjectIdMaxLength = 200;

    public void Validate(Validation validation, string prefix)
    {
        validation.Require($"{prefix}organisationCode", OrganisationCode)
            .Require($"{prefix}role", Role)
            .OneOf($"{prefix}role", Role, MeetingCodes.AttendeeRoles);
        if (OrganisationCode is not null && string.IsNullOrWhiteSpace(OrganisationCode)) validation.Add($"{prefix}organisationCode", "organisationCode is required.");
    }
}

/// <summary>A case discussed: the stream defaults from the case's track (同意あり → 多機関協働事業分, else ケース共有分).</summary>
/// <remarks>Its length limits are checked with the request that holds it (<see cref="Validation.Limits"/>).</remarks>
public sealed record MeetingItemRequest(
    Guid? CaseId, string? Stream = null, string? Decision = null, [property: MaxLength(MeetingItem.NoteMaxLength)] string? Note = null)
{
    public void Validate(Validation validation, string prefix) => validation
        .Require($"{prefix}caseId", CaseId)
        .OneOf($"{prefix}stream", Stream, MeetingCodes.Streams)
        .OneOf($"{prefix}decision", Decision, MeetingCodes.Decisions);
}

/// <summary>A meeting as recorded by the coordinator: date and type are required; attendees, items and minutes may follow.</summary>
public sealed record MeetingRequest(
    DateOnly? Date,
    string Type,
    [property: MaxLength(Meeting.MinutesMaxLength)] string? Minutes = null,
    IReadOnlyList<AttendeeRequest>? Attendees = null,
    IReadOnlyList<MeetingItemRequest>? Items = null)
{
    public const int MaxAttendees = 200;
    public const int MaxItems = 500;

    public Validation Validate()
    {
        var validation = new Validation().Limits(this)
            .Require("date", Date)
            .Require("type", Type)
            .OneOf("type", Type, MeetingCodes.Types);
        var attendees = Attendees ?? [];
        if (attendees.Count > MaxAttendees) validation.Add("attendees", $"At most {MaxAttendees} attendees.");
        for (var i = 0; i < Math.Min(attendees.Count, MaxAttendees); i++)
        {
            if (attendees[i] is null) validation.Add($"attendees[{i}]", "An attendee is required.");
            else attendees[i].Validate(validation, $"attendees[{i}].");
        }
        var items = Items ?? [];
        if (items.Count > MaxItems) validation.Add("items", $"At most {MaxItems} cases per meeting.");
        for (var i = 0; i < Math.Min(items.Count, MaxItems); i++)
        {
            if (items[i] is null) validation.Add($"items[{i}]", "An item is required.");
            else items[i].Validate(validation, $"items[{i}].");
        }
        var repeated = items.Where(i => i?.CaseId is not null).GroupBy(i => i.CaseId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) validation.Add("items", $"A case is discussed once per meeting: {string.Join(", ", repeated)}.");
        return validation;
    }
}

/// <summary>Changes to the meeting itself: a corrected date, the minutes (議事録). Absent fields stay as they are.</summary>
public sealed record MeetingPatch(DateOnly? Date = null, [property: MaxLength(Meeting.MinutesMaxLength)] string? Minutes = null)
{
    public Validation Validate()
    {
        var validation = new Validation().Limits(this);
        if (Date is null && Minutes is null) validation.Add("date", "Send date or minutes to change.");
        return validation;
    }
}

/// <summary>The whole state of one discussion item, replacing what was recorded (decision null = no decision yet).</summary>
public sealed record MeetingItemUpdate(string Stream, string? Decision = null, [property: MaxLength(MeetingItem.NoteMaxLength)] string? Note = null)
{
    public Validation Validate() => new Validation().Limits(this)
        .Require("stream", Stream)
        .OneOf("stream", Stream, MeetingCodes.Streams)
        .OneOf("decision", Decision, MeetingCodes.Decisions);
}

public sealed record AttendeeResponse(Guid Id, string OrganisationCode, string Role, string? SubjectId);

/// <param name="DecisionId">This recording of the decision: the services key what they open for it by this id.</param>
public sealed record MeetingItemResponse(Guid Id, Guid CaseId, string Stream, string? Decision, string? Note, Guid? DecisionId);

public sealed record MeetingResponse(
    Guid Id, DateOnly Date, string Type, string? Minutes, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<AttendeeResponse> Attendees, IReadOnlyList<MeetingItemResponse> Items)
{
    public static MeetingResponse From(Meeting m) => new(m.Id, m.Date, m.Type, m.Minutes, m.CreatedBy, m.CreatedAt, m.UpdatedAt,
        m.Attendees.OrderBy(a => a.Id).Select(a => new AttendeeResponse(a.Id, a.OrganisationCode, a.Role, a.SubjectId)).ToList(),
        m.Items.OrderBy(i => i.Id).Select(i => new MeetingItemResponse(i.Id, i.CaseId, i.Stream, i.Decision, i.Note, i.DecisionId)).ToList());
}

/// <summary>What anyone allowed to list meetings may see: no minutes, no notes, no cases — only counts.</summary>
public sealed record MeetingSummary(Guid Id, DateOnly Date, string Type, int AttendeeCount, int ItemCount, int DecidedCount);

/// <summary>A period given as ?month=2021-05, or ?from=&amp;to= (inclusive dates).</summary>
public static class Period
{
    public static bool TryRead(DateOnly? from, DateOnly? to, string? month, Validation validation, out DateOnly? start, out DateOnly? end)
    {
        start = from;
        end = to;
        if (month is not null)
        {
            if (from is not null || to is not null) validation.Add("month", "Give either month or from/to, not both.");
            else if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                start = first;
                end = first.AddMonths(1).AddDays(-1);
            }
            else validation.Add("month", "month is yyyy-MM, e.g. 2021-05.");
        }
        if (start is { } s && end is { } e && s > e) validation.Add("to", "to is on or after from.");
        return validation.IsValid;
    }
}
