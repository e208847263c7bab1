using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// A page staff print, sign and file: a national form or a report as HTML (A4, 和暦), or the same page as a PDF.
/// Every printed page of every service is built here, with the one house stylesheet, so that the pages look alike and
/// one Content-Security-Policy fits them all: nothing may load, run or frame, except this stylesheet, allowed by its
/// SHA-256 hash (never 'unsafe-inline'; the pages carry no scripts and no style attributes). The gateway passes this
/// exact policy through and replaces any other with its own <c>default-src 'none'</c> (gateway/BrowserSecurity.cs).
/// </summary>
public sealed class PrintablePage(string title)
{
    /// <summary>The house stylesheet of printed pages. Changing it changes its hash, and so the policy, in one place.</summary>
    public const string Stylesheet = """
        body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; margin: 2rem; color: #111; font-size: 10.5pt; }
        h1 { font-size: 1.4rem; border-bottom: 2px solid #111; padding-bottom: .3rem; }
        h2 { font-size: 1.1rem; margin-top: 1.2rem; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
        th, td { border: 1px solid #555; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eee; font-weight: normal; }
        table.fields th { width: 11rem; }
        td.count { text-align: right; width: 6rem; }
        td.mark { text-align: center; width: 2rem; }
        td.signature { height: 3rem; }
        .confidential { font-size: .8rem; color: #a00; }
        .note { font-size: .85rem; }
        @media print { body { margin: 0; } @page { size: A4; margin: 15mm; } }
        """;

    /// <summary>The CSP source of the stylesheet: the base64 SHA-256 of its exact text.</summary>
    public static readonly string StyleHash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)));

    /// <summary>The policy of every printed page: <c>default-src 'none'</c>, plus the house stylesheet by its hash.</summary>
    public static readonly string ContentSecurityPolicy = $"default-src 'none'; style-src '{StyleHash}'; frame-ancestors 'none'";

    /// <summary>
    /// The same policy inside the page (a meta element cannot carry frame-ancestors), so that it holds wherever the HTML
    /// is opened — a saved copy, or the file chromium prints to PDF.
    /// </summary>
    private static readonly string DocumentPolicy = $"default-src 'none'; style-src '{StyleHash}'";

    /// <summary>?format= of a printed form.</summary>
    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>
    {
        ["html"] = "印刷用ページ (HTML, A4)",
        ["pdf"] = "PDF (A4)",
    };

    private readonly StringBuilder _body = new();

    public string Title => title;

    /// <summary>The notice personal-data forms carry at the top.</summary>
    public PrintablePage Confidential() =>
        Append("<p class=\"confidential\">取扱注意(個人情報)— 目的外利用・第三者提供禁止</p>");

    public PrintablePage Heading(string text) => Append($"<h2>{Encode(text)}</h2>");

    public PrintablePage Paragraph(string text, string? cssClass = null) =>
        Append(cssClass is null ? $"<p>{Encode(text)}</p>" : $"<p class=\"{cssClass}\">{Encode(text)}</p>");

    /// <summary>A form's items: one row per label and value.</summary>
    public PrintablePage Fields(params IEnumerable<(string Label, string? Value)> fields)
    {
        _body.Append("<table class=\"fields\">");
        foreach (var (label, value) in fields) _body.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(label)}</th><td>{Encode(value ?? "")}</td></tr>");
        _body.Append("</table>");
        return this;
    }

    /// <summary>A table with a header row; columns named in <paramref name="countColumns"/> are right-aligned numbers.</summary>
    public PrintablePage Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows, params int[] countColumns)
    {
        _body.Append("<table><tr>");
        foreach (var column in columns) _body.Append(CultureInfo.InvariantCulture, $"<th>{Encode(column)}</th>");
        _body.Append("</tr>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                _body.Append(countColumns.Contains(i) ? "<td class=\"count\">" : "<td>").Append(Encode(row[i] ?? "")).Append("</td>");
            }
            _body.Append("</tr>");
        }
        _body.Append("</table>");
        return this;
    }

    /// <summary>Check boxes as the national forms print them: ◎ the main item, ○ the others marked, blank the rest.</summary>
    public PrintablePage Checks(IEnumerable<(string Label, string Mark)> items)
    {
        _body.Append("<table>");
        foreach (var (label, mark) in items) _body.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mark\">{Encode(mark)}</td><th>{Encode(label)}</th></tr>");
        _body.Append("</table>");
        return this;
    }

    /// <summary>Empty boxes to sign in by hand (署名欄), one row per signer.</summary>
    public PrintablePage Signatures(params string[] signers)
    {
        _body.Append("<table class=\"fields\">");
        foreach (var signer in signers) _body.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(signer)}</th><td class=\"signature\"></td></tr>");
        _body.Append("</table>");
        return this;
    }

    /// <summary>Markup written here already encoded (rows with their own classes, as a report's shape needs).</summary>
    public PrintablePage Markup(string html) => Append(html);

    public string ToHtml() =>
        $"""
        <!doctype html><html lang="ja"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="{DocumentPolicy}"><title>{Encode(title)}</title>
        <style>{Stylesheet}</style></head><body>
        <h1>{Encode(title)}</h1>
        {_body}</body></html>
        """;

    /// <summary>The page as the answer: HTML with the printed pages' policy, or (format "pdf") the PDF of that same HTML.</summary>
    public PrintedPageResult ToResult(string format = "html", string? fileName = null) => new(ToHtml(), format == "pdf", fileName);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private PrintablePage Append(string html)
    {
        _body.Append(html);
        return this;
    }
}

/// <summary>A printed page as an HTTP answer: the HTML with its policy, or the PDF that headless chromium prints from it.</summary>
public sealed class PrintedPageResult(string html, bool pdf, string? fileName) : IResult, IEndpointMetadataProvider
{
    /// <summary>Declares the answer's content types in the OpenAPI document (<see cref="OpenApiContract"/>).</summary>
    static void IEndpointMetadataProvider.PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new PrintedOutputMetadata(Csv: false));

    public string Html => html;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        if (!pdf)
        {
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.ContentSecurityPolicy = PrintablePage.ContentSecurityPolicy;
            await response.WriteAsync(html, httpContext.RequestAborted);
            return;
        }
        var printer = httpContext.RequestServices.GetRequiredService<PdfPrinter>();
        var document = await printer.PrintAsync(html, httpContext.RequestAborted);
        response.ContentType = "application/pdf";
        response.Headers.ContentDisposition = $"attachment; filename={fileName ?? "print"}.pdf";
        await response.Body.WriteAsync(document, httpContext.RequestAborted);
    }
}
