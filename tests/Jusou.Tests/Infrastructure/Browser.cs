using Microsoft.Playwright;

namespace Jusou.Tests.Infrastructure;

/// <summary>
/// A real headless browser for the tests that look at pages as people do (the console, printed forms): Debian's
/// chromium driven by Playwright. Playwright cannot download its own browsers here, so it is given the executable
/// that <c>./jusou</c> installs; as root chromium needs --no-sandbox. One browser per test run, started on first use;
/// each test opens its own context (cookies, storage) so tests never share a session.
/// </summary>
public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Screenshots and PDFs the browser tests save, under the test results (linked from the README).</summary>
    public static string ArtefactsDirectory { get; } = CreateArtefactsDirectory();

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    public static async Task<IBrowser> Shared()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh context (its own cookies), Japanese locale and Tokyo time, at a laptop's size.</summary>
    public static async Task<IBrowserContext> NewContext(string? baseUrl = null)
    {
        var browser = await Shared();
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
    }

    private static string CreateArtefactsDirectory()
    {
        // tests/Jusou.Tests/bin/Debug/net10.0 → the checkout's .jusou/test-results/browser
        var root = AppContext.BaseDirectory;
        for (var i = 0; i < 5; i++) root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        var directory = Path.Combine(root, ".jusou", "test-results", "browser");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
