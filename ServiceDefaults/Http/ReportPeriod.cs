namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// A report's period from the query: ?fiscalYear=2026 (the Japanese fiscal year, April to March) or ?from=&amp;to=
/// (inclusive), exactly one of the two.
/// </summary>
public static class ReportPeriod
{
    public static bool TryRead(DateOnly? from, DateOnly? to, int? fiscalYear, out DateOnly start, out DateOnly end,
        out Dictionary<string, string[]> errors)
    {
        var validation = new Validation();
        if (fiscalYear is not null && (from is not null || to is not null)) validation.Add("fiscalYear", "Give either fiscalYear or from/to, not both.");
        if (fiscalYear is < 2000 or > 2100) validation.Add("fiscalYear", "fiscalYear must be between 2000 and 2100.");
        if (fiscalYear is null && (from is null || to is null)) validation.Add("from", "Give from and to, or fiscalYear.");
        if (from is { } f && to is { } t && t < f) validation.Add("to", "to cannot be before from.");
        errors = validation.Errors;
        start = end = default;
        if (!validation.IsValid) return false;
        start = fiscalYear is { } year ? new DateOnly(year, 4, 1) : from!.Value;
        end = fiscalYear is { } y ? new DateOnly(y + 1, 3, 31) : to!.Value;
        return true;
    }

    /// <summary>A period as printed pages and CSV show it: 和暦 first, ISO after.</summary>
    public static string Text(DateOnly from, DateOnly to) =>
        $"{JapanDate.InWareki(from)}～{JapanDate.InWareki(to)}({from:yyyy-MM-dd}～{to:yyyy-MM-dd})";
}
