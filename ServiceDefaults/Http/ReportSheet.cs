using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;
using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// A report as staff file it, one table for both outputs: the CSV (Excel opens it with the Japanese intact) and the
/// printed page. The first column is the 区分 (the section a row belongs to); facts (表題, 期間, 年度 …) are rows too, so
/// the CSV stands alone, and print as lines above the tables. Every report of every service goes through it:
/// <c>?format=json|csv|html|pdf</c> and, for CSV, <c>?encoding=utf-8</c> (with BOM, the default) or <c>shift_jis</c>.
/// </summary>
public sealed class ReportSheet(string title, string fileName, params string[] columns)
{
    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>
    {
        ["json"] = "JSON",
        ["csv"] = "CSV (Excel)",
        ["html"] = "印刷用ページ (HTML, A4)",
        ["pdf"] = "PDF (A4)",
    };

    public static readonly IReadOnlyDictionary<string, string> Encodings = new Dictionary<string, string>
    {
        ["utf-8"] = "UTF-8 (BOM付き)",
        ["shift_jis"] = "Shift_JIS (Windows-31J)",
    };

    /// <summary>Checks ?format= and ?encoding= of a report.</summary>
    public static Validation CheckOutput(Validation validation, string? format, string? encoding)
    {
        validation.OneOf("format", format, Formats).OneOf("encoding", encoding, Encodings);
        if (encoding is not null && format != "csv") validation.Add("encoding", "encoding is for format=csv only.");
        return validation;
    }

    private const string TitleLabel = "表題";

    // The title is the first fact, so that a CSV says what it is; the printed page has it as its heading.
    private readonly List<(object?[] Cells, bool Fact)> _rows = [(Padded(columns.Length, TitleLabel, null, title), true)];

    public string Title => title;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>A fact about the whole report (期間, 年度): <paramref name="label"/> in the 区分 column.</summary>
    public ReportSheet Fact(string label, object? code, string value)
    {
        _rows.Add((Padded(columns.Length, label, code, value), true));
        return this;
    }

    private static object?[] Padded(int length, string label, object? code, string value)
    {
        var cells = new object?[length];
        cells[0] = label;
        if (length > 2) (cells[1], cells[2]) = (code, value);
        else cells[1] = value;
        return cells;
    }

    /// <summary>A row of the table: its section (区分) first, then the other columns in order.</summary>
    public ReportSheet Row(string section, params object?[] cells)
    {
        if (cells.Length != columns.Length - 1) throw new ArgumentException($"A row of '{title}' has {columns.Length} cells.", nameof(cells));
        _rows.Add(([section, .. cells], false));
        return this;
    }

    /// <summary>
    /// The CSV with CRLF line ends, through CsvHelper: quoting as RFC 4180 needs, and a field that Excel would run as a
    /// formula (=, +, -, @ first) escaped. Shift_JIS is Windows-31J (code page 932), what Excel on Japanese Windows reads;
    /// a character it cannot hold becomes 〓, the printers' mark for a missing glyph.
    /// </summary>
    public byte[] Csv(string encoding = "utf-8")
    {
        var text = encoding == "shift_jis"
            ? CodePagesEncodingProvider.Instance.GetEncoding(932, new EncoderReplacementFallback("〓"), DecoderFallback.ReplacementFallback)!
            : new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, text))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n", Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(columns);
            foreach (var (cells, _) in _rows) csv.WriteRecord(cells.Select(Text).ToArray());
        }
        return stream.ToArray();
    }

    /// <summary>The printed page: the facts as lines, then one table per section in the order they first appear.</summary>
    public PrintablePage Page()
    {
        var page = new PrintablePage(title);
        foreach (var (cells, _) in _rows.Where(r => r.Fact && (string?)r.Cells[0] != TitleLabel)) page.Paragraph($"{cells[0]}: {cells[Math.Min(2, cells.Length - 1)]}");
        var numeric = Enumerable.Range(1, columns.Length - 1)
            .Where(i => _rows.Where(r => !r.Fact).Any(r => r.Cells[i] is int or long or double or decimal)).Select(i => i - 1).ToArray();
        foreach (var section in _rows.Where(r => !r.Fact).GroupBy(r => (string)r.Cells[0]!))
        {
            page.Heading(section.Key).Table(columns[1..], section.Select(r => r.Cells[1..].Select(Text).ToList()), numeric);
        }
        return page;
    }

    /// <summary>The report in the format asked for (not json: the endpoint answers that with the report itself).</summary>
    public ReportFile Answer(string format, string? encoding, DateTimeOffset printedAt) => new(this, format, encoding ?? "utf-8", printedAt);

    public string FileName => fileName;

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };
}

/// <summary>A report as CSV, printable page or PDF.</summary>
public sealed class ReportFile(ReportSheet sheet, string format, string encoding, DateTimeOffset printedAt) : IResult, IEndpointMetadataProvider
{
    /// <summary>Declares the answer's content types in the OpenAPI document (<see cref="OpenApiContract"/>).</summary>
    static void IEndpointMetadataProvider.PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new PrintedOutputMetadata(Csv: true));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (format == "csv")
        {
            var charset = encoding == "shift_jis" ? "shift_jis" : "utf-8";
            return TypedResults.File(sheet.Csv(encoding), $"text/csv; charset={charset}", $"{sheet.FileName}.csv").ExecuteAsync(httpContext);
        }
        var page = sheet.Page().Paragraph($"作成日: {JapanDate.InWareki(JapanDate.Of(printedAt))}", "note");
        return page.ToResult(format, sheet.FileName).ExecuteAsync(httpContext);
    }
}
