using System.Text;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// Printed pages as staff get them: opened through the gateway in headless chromium (the gateway's security headers
/// applied, as in any browser) and printed to PDF the way the browser's print dialog does, or downloaded as the PDF the
/// service prints. Each PDF is read back with PdfPig and saved under <see cref="Browser.ArtefactsDirectory"/>.
/// </summary>
public static class Printing
{
    /// <summary>A4 in PDF points (210 × 297 mm), give or take rounding.</summary>
    private const double A4Width = 595.28, A4Height = 841.89;

    /// <summary>
    /// Opens <paramref name="path"/> with <paramref name="client"/>'s token, fails on any Content-Security-Policy refusal
    /// in the console or an unstyled table, and prints it to PDF as the browser's print dialog does (@page decides the size).
    /// </summary>
    public static async Task<byte[]> PrintInBrowser(this SystemFixture system, HttpClient client, string path, string name)
    {
        await using var context = await Browser.NewContext(system.AnonymousGateway().BaseAddress!.ToString());
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = client.DefaultRequestHeaders.Authorization!.ToString() });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        // The house stylesheet applied: table cells have borders (without it they have none).
        Assert.Equal("solid", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('td')).borderTopStyle"));
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(Browser.ArtefactsDirectory, $"{name}.pdf"), pdf);
        return pdf;
    }

    /// <summary>The PDF the service prints itself (?format=pdf), as a download.</summary>
    public static async Task<byte[]> DownloadPdf(this HttpClient client, string path, string name)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Browser.ArtefactsDirectory, $"{name}-download.pdf"), pdf);
        return pdf;
    }

    /// <summary>
    /// Every page is A4 portrait; the texts are printed (compared in NFKC without spaces: chromium's CJK fonts map some
    /// kanji to their Kangxi radical code points, and middle dots are ignored); and table borders are drawn — thin filled rules, which chromium
    /// paints for each cell border and which an unstyled page (the stylesheet refused) has none of.
    /// </summary>
    public static void AssertPrinted(byte[] pdf, params string[] texts)
    {
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 1);
        var text = new StringBuilder();
        var rules = 0;
        foreach (var page in document.GetPages())
        {
            Assert.InRange(page.Width, A4Width - 1, A4Width + 1);
            Assert.InRange(page.Height, A4Height - 1, A4Height + 1);
            text.Append(page.Text);
            rules += page.Paths.Count(path => path.GetBoundingRectangle() is { } box
                && (box.Height <= 2.5 && box.Width >= 20 || box.Width <= 2.5 && box.Height >= 8));
        }
        var printed = Flat(text.ToString());
        foreach (var expected in texts) Assert.Contains(Flat(expected), printed);
        Assert.True(rules >= 8, $"table borders are drawn ({rules} rules found)");
    }

    // The middle dot ・ comes back from the PDF as ‧ (U+2027): dots are left out of the comparison. Kangxi radicals
    // (U+2F00–) fold in NFKC; the CJK Radicals Supplement (U+2E80–), which the font's ToUnicode map also uses (長 comes
    // back as ⻑), has no decomposition in Unicode, so the ones the Noto CJK fonts use for common kanji are mapped here.
    private static readonly Dictionary<char, char> RadicalsSupplement = new()
    {
        ['⺟'] = '母', ['⻁'] = '虎', ['⻄'] = '西', ['⻑'] = '長', ['⻘'] = '青', ['⻝'] = '食', ['⻣'] = '骨', ['⻤'] = '鬼', ['⻨'] = '麦', ['⻩'] = '黄', ['⻭'] = '歯',
    };

    private static string Flat(string text) =>
        string.Concat(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && c is not ('・' or '‧' or '･'))
            .Select(c => RadicalsSupplement.GetValueOrDefault(c, c)));
}
