using DesSim.Reporting.Html;
using DesSim.Reporting.Tests.Charts;

namespace DesSim.Reporting.Tests.Html;

/// <summary>A report with every section kind and every sample chart.</summary>
internal static class SampleReport
{
    public const string ScenarioYaml = "name: quickstart\nmodel: llama-3-8b\ncluster: {gpus: 8, gpu: H100}\nparallelism: {tp: 2, pp: 4}\nslo: {ttft_ms: 500}\n# <script>alert(1)</script>\n";

    public static HtmlReport Build()
    {
        var report = new HtmlReport("DesSim report: quickstart") { Subtitle = "seed 42, 5000 requests" };
        report.AddScenario(
            [new("model", "llama-3-8b"), new("layout", "TP2 × PP4 × DP1"), new("arrivals", "Poisson 8 req/s")],
            ScenarioYaml);
        report.AddHeadlineMetrics(
        [
            new HeadlineMetric("TTFT p99", 312.4, "ms", 500),
            new HeadlineMetric("E2EL p99", 1345, "ms", 1000),
            new HeadlineMetric("Output throughput", 1875.25, "tok/s"),
            new HeadlineMetric("Goodput", 7.2, "req/s", 6, LowerIsBetter: false),
        ]);
        foreach (var (name, chart) in SampleCharts.All())
        {
            report.AddChart(name, chart.RenderSvg(), $"Sample chart '{name}'.");
        }

        report.AddTable(
            "Per-GPU time breakdown",
            ["GPU", "compute", "TP comm", "PP comm", "bubble", "idle"],
            [["r0 gpu0", "0.55", "0.12", "0.04", "0.05", "0.24"], ["r0 gpu1 <b>", "0.53", "0.12", "0.04", "0.065", "0.245"]]);
        return report;
    }
}
