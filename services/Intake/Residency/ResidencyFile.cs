using System.Globalization;
using System.Text;
using CsvHelper;
using Jusou.Intake.Persons;

namespace Jusou.Intake.Residency;

/// <summary>One 異動 of the file, read and checked: what the 宛名 system says happened to whom, and when.</summary>
/// <param name="Line">The line of the file it was read from (the header is line 1), for the report.</param>
public sealed record ResidencyRow(int Line, string AtenaNumber, string ChangeCode, DateOnly EffectiveOn,
    string? Name, string? NameKana, string? Address);

/// <summary>A line that could not be read, with why; it changes nothing.</summary>
public sealed record RejectedLine(int Line, IReadOnlyList<string> Errors);

/// <summary>
/// A 住民異動 file as a 宛名 system exports it: CSV with a header line, in Shift_JIS (CP932) or UTF-8. Columns are found
/// by their header, in Japanese or English (<see cref="Columns"/>); unknown columns are ignored, so the export can carry
/// more than Jusou reads. Reading never stops at a bad line: each is rejected with its line number.
/// </summary>
public static class ResidencyFile
{
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The columns read, each under its Japanese header and the English one (docs/api.md).</summary>
    public static readonly IReadOnlyList<(string Field, string Japanese, string English)> Columns =
    [
        ("atenaNumber", "宛名番号", "atenaNumber"),
        ("changeCode", "異動事由", "changeCode"),
        ("effectiveOn", "異動日", "effectiveOn"),
        ("name", "氏名", "name"),
        ("nameKana", "氏名カナ", "nameKana"),
        ("address", "住所", "address"),
    ];

    /// <summary>異動事由: the codes, and the Japanese words a 宛名 system writes for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChangeCodes = new Dictionary<string, string>
    {
        ["moved_out"] = "転出",
        ["died"] = "死亡",
        ["name_changed"] = "氏名変更",
        ["address_changed"] = "転居",
        ["moved_in"] = "転入",
        ["household_changed"] = "世帯変更",
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd", "yyyy/M/d"];

    static ResidencyFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// The file's text: UTF-8 (with or without BOM) unless <paramref name="charset"/> names Shift_JIS/CP932. Bytes that
    /// are not valid in the encoding are an error, never replaced silently (a name would change).
    /// </summary>
    public static bool TryDecode(byte[] bytes, string? charset, out string text, out string? error)
    {
        text = "";
        error = null;
        var name = (charset ?? "utf-8").Trim('"').ToLowerInvariant();
        Encoding encoding;
        switch (name)
        {
            case "utf-8" or "utf8":
                encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
                break;
            case "shift_jis" or "shift-jis" or "sjis" or "cp932" or "windows-31j" or "ms932":
                encoding = Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                break;
            default:
                error = $"charset '{charset}' is not read: send UTF-8 or Shift_JIS (charset=shift_jis).";
                return false;
        }
        try
        {
            text = encoding.GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
            return true;
        }
        catch (DecoderFallbackException)
        {
            error = name.StartsWith("utf", StringComparison.Ordinal)
                ? "The file is not valid UTF-8. A file from a 宛名 system is often Shift_JIS: send it with Content-Type: text/csv; charset=shift_jis."
                : "The file is not valid Shift_JIS (CP932).";
            return false;
        }
    }

    /// <summary>Reads every line: the rows to apply and the lines rejected. A missing header column fails the whole file.</summary>
    public static (IReadOnlyList<ResidencyRow> Rows, IReadOnlyList<RejectedLine> Rejected, string? FileError) Read(string text)
    {
        var rows = new List<ResidencyRow>();
        var rejected = new List<RejectedLine>();
        var malformedLines = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            // A 宛名 export has no line breaks inside fields: a quote left open is that line's error, not the rest of the file's.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = malformed => malformedLines.Add(malformed.LineNumber),
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
            SkipEmptyLines = true,
            TrimWhitespace = true,
        };
        using var csv = CsvReader.FromText(text, options);
        if (string.IsNullOrWhiteSpace(text)) return (rows, rejected, "The file is empty: it needs a header line (宛名番号,異動事由,異動日,…).");
        if (!csv.Read()) return (rows, rejected, null); // a header and no 異動: a quiet day
        var index = new Dictionary<string, int>();
        foreach (var (field, japanese, english) in Columns)
        {
            var at = csv.Headers.ToList().FindIndex(h => h == japanese || string.Equals(h, english, StringComparison.OrdinalIgnoreCase));
            if (at >= 0) index[field] = at;
        }
        var missing = Columns.Take(3).Where(c => !index.ContainsKey(c.Field)).Select(c => c.Japanese).ToList();
        if (missing.Count > 0) return (rows, rejected, $"The header lacks {string.Join(", ", missing)} (see the column list in docs/api.md).");

        do
        {
            var line = (int)csv.LineNumber;
            string? Field(string field) =>
                index.TryGetValue(field, out var i) && i < csv.FieldCount && csv.GetString(i) is { Length: > 0 } value ? value : null;
            var errors = new List<string>();
            if (malformedLines.Contains(line)) errors.Add("The line is not well-formed CSV (a stray or unclosed quote).");
            var atena = Field("atenaNumber");
            if (atena is null || !PersonRequest.IsAtenaNumber(atena)) errors.Add("宛名番号 is missing or not 1 to 20 ASCII letters or digits.");
            var change = Field("changeCode") is { } given ? ChangeCodeOf(given) : null;
            if (change is null) errors.Add($"異動事由 '{Field("changeCode")}' is not one of {string.Join(", ", ChangeCodes.Values)} (or their codes).");
            DateOnly effectiveOn = default;
            if (Field("effectiveOn") is not { } date
                || !DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out effectiveOn))
            {
                errors.Add($"異動日 '{Field("effectiveOn")}' is not a date (2026-04-01 or 20260401).");
            }
            var name = Validation.PersonName(Field("name"));
            var nameKana = Validation.PersonName(Field("nameKana"));
            var address = Validation.Normalize(Field("address"));
            if (change == "name_changed" && name is null && nameKana is null) errors.Add("氏名変更 needs the new 氏名 or 氏名カナ.");
            if (name?.Length > PersonRequest.NameMaxLength || nameKana?.Length > PersonRequest.NameMaxLength) errors.Add("氏名 is too long.");
            if (address?.Length > PersonRequest.AddressMaxLength) errors.Add("住所 is too long.");
            if (errors.Count > 0) rejected.Add(new RejectedLine(line, errors));
            else rows.Add(new ResidencyRow(line, atena!, change!, effectiveOn, name, nameKana, address));
        }
        while (csv.Read());
        return (rows, rejected, null);
    }

    private static string? ChangeCodeOf(string given) =>
        ChangeCodes.ContainsKey(given) ? given : ChangeCodes.FirstOrDefault(c => c.Value == given).Key;
}
