using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Jusou.ServiceDefaults.Http;

/// <summary>
/// Prints a printed page's HTML to PDF with headless chromium — the browser staff print from, so the PDF and the page
/// are the same document (A4 from the page's @page rule, Japanese from the Noto CJK fonts). <c>./jusou</c> installs
/// Debian's chromium and fonts-noto-cjk; <c>Printing:Chromium</c> names another executable. The HTML is written to a
/// private temporary folder (its own policy, in a meta element, forbids every script and load) and printed with a
/// fresh profile each time; one print at a time per
/// process, so a burst of downloads cannot exhaust a small server.
/// </summary>
public sealed class PdfPrinter(IConfiguration configuration, ILogger<PdfPrinter> logger) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public void Dispose() => _oneAtATime.Dispose();

    public string Chromium => configuration["Printing:Chromium"] ?? "/usr/bin/chromium";

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("jusou-print-");
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var page = Path.Combine(folder.FullName, "page.html");
            var pdf = Path.Combine(folder.FullName, "page.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    "--headless", "--disable-gpu", "--no-pdf-header-footer",
                    $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                },
            };
            // Chromium's sandbox refuses to start as root (a container's usual user); elsewhere it stays on.
            if (Environment.UserName == "root") start.ArgumentList.Insert(0, "--no-sandbox");
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Chromium} did not start.");
            var output = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(pdf))
            {
                logger.LogError("Chromium printed no PDF (exit {ExitCode}): {Output}", process.ExitCode, await output);
                throw new InvalidOperationException("The page could not be printed to PDF.");
            }
            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
            try { folder.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
