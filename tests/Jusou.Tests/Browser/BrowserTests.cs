namespace Jusou.Tests.Browser;

/// <summary>The browser the console and print tests use: Debian's chromium runs headless and draws Japanese text.</summary>
public sealed class BrowserTests
{
    [Fact]
    public async Task Chromium_draws_Japanese_glyphs_not_empty_boxes()
    {
        await using var context = await Infrastructure.Browser.NewContext();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <html lang="ja"><body style="margin:0;font-size:40px">
            <div><span id="a">相談</span></div><div><span id="b">受付</span></div>
            </body></html>
            """);

        Assert.Equal("ja-JP", await page.EvaluateAsync<string>("navigator.language"));
        Assert.Equal("相談", await page.InnerTextAsync("#a"));
        // Without a CJK font every character is drawn as the same empty box, so two different words look alike.
        var first = await page.Locator("#a").ScreenshotAsync();
        var second = await page.Locator("#b").ScreenshotAsync();
        Assert.NotEqual(Convert.ToBase64String(first), Convert.ToBase64String(second));
    }
}
