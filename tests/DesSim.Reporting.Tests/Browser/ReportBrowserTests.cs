using DesSim.Reporting.Tests.Html;
using Microsoft.Playwright;

namespace DesSim.Reporting.Tests.Browser;

/// <summary>Opens a sample report in Debian's headless Chromium through Playwright: it must load offline with no
/// console errors, make no network requests, and lay out every chart with a non-zero size.</summary>
/// <remarks>Needs /usr/bin/chromium (<c>.ci/install-chromium</c> installs it); skipped with a message otherwise.
/// Playwright's bundled browsers are never downloaded: the test points Playwright at the system Chromium.</remarks>
[Category("Browser")]
public sealed class ReportBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags for a hermetic headless run: no sandbox (CI containers run as root), no GPU, no background traffic.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    [Test]
    public async Task Report_loads_offline_without_console_errors_and_every_chart_has_a_size()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Chromium not installed: run .ci/install-chromium (expected {ChromiumPath})");
        }

        var workDirectory = TestContext.CurrentContext.WorkDirectory;
        var reportPath = Path.Combine(workDirectory, "browser-sample-report.html");
        SampleReport.Build().WriteTo(reportPath);
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

            await page.GotoAsync(new Uri(reportPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var svgs = await page.QuerySelectorAllAsync("svg");
            var sizes = new List<(float Width, float Height)>();
            foreach (var svg in svgs)
            {
                var box = await svg.BoundingBoxAsync();
                sizes.Add(box is null ? (0, 0) : (box.Width, box.Height));
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(workDirectory, "browser-sample-report.png"), FullPage = true });
            TestContext.Out.WriteLine($"screenshot: {Path.Combine(workDirectory, "browser-sample-report.png")}");

            Assert.Multiple(() =>
            {
                Assert.That(errors, Is.Empty, "console errors");
                Assert.That(external, Is.Empty, "requests other than file: and data:");
                Assert.That(svgs.Count(), Is.GreaterThanOrEqualTo(6), "one svg per chart (plus plot areas)");
                Assert.That(sizes.All(s => s.Width > 0 && s.Height > 0), Is.True, $"svg sizes: {string.Join(", ", sizes)}");
            });
        }
        finally
        {
            userData.Delete(recursive: true);
        }
    }
}
