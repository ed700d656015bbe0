using Microsoft.Playwright;

namespace DesSim.Reporting.Tests.Browser;

/// <summary>Loads an HTML file in Debian's headless Chromium through Playwright and reports what a reader would hit:
/// console errors, requests leaving the file, and the laid-out size of every SVG.</summary>
/// <remarks>Needs /usr/bin/chromium (<c>.ci/install-chromium</c> installs it); <see cref="SkipIfMissing"/> ignores the
/// test with a message otherwise. Playwright's bundled browsers are never downloaded.</remarks>
internal static class HeadlessChromium
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags for a hermetic headless run: no sandbox (CI containers run as root), no GPU, no background traffic.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Marks the test ignored, with the fix, when Chromium is not installed.</summary>
    public static void SkipIfMissing()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Chromium not installed: run .ci/install-chromium (expected {ChromiumPath})");
        }
    }

    /// <summary>Opens <paramref name="htmlPath"/>, waits for load, measures every svg and saves a full-page screenshot.</summary>
    public static async Task<PageFindings> LoadAsync(string htmlPath, string screenshotPath)
    {
        var userData = Directory.CreateTempSubdirectory("dessim-chromium-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var context = await playwright.Chromium.LaunchPersistentContextAsync(userData.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
                Timeout = 60_000,
            });
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            var errors = new List<string>();
            var external = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    external.Add(request.Url);
                }
            };

            await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var svgs = await page.QuerySelectorAllAsync("svg");
            var sizes = new List<(float Width, float Height)>();
            foreach (var svg in svgs)
            {
                var box = await svg.BoundingBoxAsync();
                sizes.Add(box is null ? (0, 0) : (box.Width, box.Height));
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshotPath, FullPage = true });
            TestContext.Out.WriteLine($"screenshot: {screenshotPath}");
            return new PageFindings(errors, external, sizes);
        }
        finally
        {
            userData.Delete(recursive: true);
        }
    }
}
