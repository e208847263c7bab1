using Aspire.Hosting.Testing;
using Jusou.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Jusou.Tests.Web;

/// <summary>What the console tests do with a page, in the words of the screens.</summary>
internal static class ConsolePages
{
    /// <summary>The console's address in the test system (the AppHost's `console` resource).</summary>
    public static string Url(SystemFixture system) => system.App.GetEndpoint("console", "http").ToString().TrimEnd('/');

    /// <summary>A fresh browser context signed in on the development sign-in page.</summary>
    public static async Task<(IBrowserContext Context, IPage Page)> SignedIn(SystemFixture system, string tenant, string role,
        string organisation, string subject, string displayName)
    {
        var context = await Infrastructure.Browser.NewContext(Url(system));
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("自治体（全国地方公共団体コード）").FillAsync(tenant);
        await page.GetByLabel("役割").SelectOptionAsync(role);
        await page.GetByLabel("所属機関（機関コード）").FillAsync(organisation);
        await page.GetByLabel("職員 ID").FillAsync(subject);
        await page.GetByLabel("表示名").FillAsync(displayName);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "今日の仕事", Level = 1 }).WaitForAsync();
        return (context, page);
    }

    /// <summary>Saves a full-page screenshot under .jusou/test-results/browser (linked from the README via docs/screenshots).</summary>
    public static Task Screenshot(this IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Infrastructure.Browser.ArtefactsDirectory, $"console-{name}.png"), FullPage = true });

    public static ILocator Button(this IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Reloads until <paramref name="locator"/> shows: what another service does after an event takes a moment.</summary>
    public static async Task ReloadUntilVisible(this IPage page, ILocator locator, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await locator.IsVisibleAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{page.Url}: still not shown after {timeout}.");
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }
}
