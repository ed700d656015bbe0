using DesSim.Reporting.Compare;
using DesSim.Reporting.Results;
using DesSim.Reporting.Tests.Html;
using DesSim.Reporting.Tests.Results;

namespace DesSim.Reporting.Tests.Browser;

/// <summary>Opens reports in Debian's headless Chromium through Playwright: each must load offline with no console
/// errors, make no network requests, and lay out every chart with a non-zero size.</summary>
/// <remarks>Needs /usr/bin/chromium (<c>.ci/install-chromium</c> installs it); skipped with a message otherwise.</remarks>
[Category("Browser")]
public sealed class ReportBrowserTests
{
    [Test]
    public async Task Report_loads_offline_without_console_errors_and_every_chart_has_a_size()
    {
        HeadlessChromium.SkipIfMissing();
        var workDirectory = TestContext.CurrentContext.WorkDirectory;
        var reportPath = Path.Combine(workDirectory, "browser-sample-report.html");
        SampleReport.Build().WriteTo(reportPath);
        var found = await HeadlessChromium.LoadAsync(reportPath, Path.Combine(workDirectory, "browser-sample-report.png"));
        Assert.Multiple(() =>
        {
            Assert.That(found.Errors, Is.Empty, "console errors");
            Assert.That(found.ExternalRequests, Is.Empty, "requests other than file: and data:");
            Assert.That(found.SvgSizes, Has.Count.GreaterThanOrEqualTo(6), "one svg per chart (plus plot areas)");
            Assert.That(found.SvgSizes.All(s => s.Width > 0 && s.Height > 0), Is.True, $"svg sizes: {string.Join(", ", found.SvgSizes)}");
        });
    }

    [Test]
    public async Task Report_of_a_real_run_loads_offline_and_every_chart_has_a_size()
    {
        HeadlessChromium.SkipIfMissing();
        var run = TinyRun.Shared;
        var dir = TinyRun.WriteToTemp(run);
        try
        {
            var charts = RunReport.Charts(ResultDirectoryReader.Read(dir)).Count;
            var found = await HeadlessChromium.LoadAsync(Path.Combine(dir, "report.html"), Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-run-report.png"));
            AssertLoadedCleanly(found, charts, 10, "CDFs ×4, GPU breakdown, pipeline timeline, 3 time series, cluster power");
        }
        finally
        {
            TinyRun.Delete(dir);
        }
    }

    [Test]
    public async Task Compare_page_loads_offline_without_console_errors_and_every_chart_has_a_size()
    {
        HeadlessChromium.SkipIfMissing();
        string[] dirs = [TinyRun.WriteToTemp(TinyRun.Shared), TinyRun.WriteToTemp(TinyRun.Run(parallelism: "{ tp: 2, pp: 1 }"))];
        try
        {
            var runs = CompareReader.Read(dirs);
            var page = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-compare.html");
            File.WriteAllText(page, ComparePage.Build(runs));
            var charts = ComparePage.Charts(runs).Count;
            var found = await HeadlessChromium.LoadAsync(page, Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-compare.png"));
            AssertLoadedCleanly(found, charts, 6, "TTFT, TPOT, E2E CDFs, throughput and goodput, output per GPU, GPU time");
        }
        finally
        {
            foreach (var dir in dirs)
            {
                TinyRun.Delete(dir);
            }
        }
    }

    // A page built from real runs: the expected number of charts, no console errors, no external requests, every chart laid out.
    private static void AssertLoadedCleanly(PageFindings found, int charts, int expectedCharts, string which) =>
        Assert.Multiple(() =>
        {
            Assert.That(charts, Is.EqualTo(expectedCharts), which);
            Assert.That(found.Errors, Is.Empty, "console errors");
            Assert.That(found.ExternalRequests, Is.Empty, "requests other than file: and data:");
            Assert.That(found.SvgSizes, Has.Count.GreaterThanOrEqualTo(charts), "one svg per chart");
            Assert.That(found.SvgSizes.All(s => s.Width > 0 && s.Height > 0), Is.True, $"svg sizes: {string.Join(", ", found.SvgSizes)}");
        });
}
