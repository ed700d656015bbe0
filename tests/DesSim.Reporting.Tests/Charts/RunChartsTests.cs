using System.Xml.Linq;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

public sealed class RunChartsTests
{
    private static IEnumerable<TestCaseData> Charts()
    {
        var random = new Random(11);
        var ttft = Enumerable.Range(0, 2000).Select(_ => 30 + (random.NextDouble() * 300)).ToArray();
        var tpot = Enumerable.Range(0, 2000).Select(_ => 8 + (random.NextDouble() * 20)).ToArray();
        yield return new TestCaseData("run-latency-cdf", RunCharts.LatencyCdf("TTFT and TPOT", [("TTFT", ttft), ("TPOT", tpot)], 250));
        var t = Enumerable.Range(0, 61).Select(i => (double)i).ToArray();
        yield return new TestCaseData("run-kv", RunCharts.TimeSeries("KV occupancy", "KV occupancy", "%", t, [("replica 0", t.Select(x => 40 + (30 * Math.Sin(x / 9))).ToArray())], [(20, 25, "fault")]));
        yield return new TestCaseData("run-breakdown", RunCharts.GpuTimeBreakdown(["gpu0", "gpu1"], [[0.5, 0.1, 0.05, 0.0, 0.1, 0.25], [0.45, 0.1, 0.05, 0.05, 0.15, 0.2]]));
        yield return new TestCaseData("run-timeline", RunCharts.PipelineTimeline("Pipeline", ["gpu0", "gpu1"], [new GanttSpan(0, 0, 5, "mb 0"), new GanttSpan(1, 6, 5, "mb 0"), new GanttSpan(0, 5, 5, "mb 1")], 0, 20));
        yield return new TestCaseData("run-rate", RunCharts.LatencyVsRate("p99 TTFT", [("TP8", [1, 2, 4], [100, 150, 900]), ("TP4 PP2", [1, 2, 4], [140, 170, 400])], 500));
        yield return new TestCaseData("run-pareto", RunCharts.ThroughputLatencyPareto(["a", "b", "c"], [100, 200, 150], [500, 900, 400]));
    }

    [TestCaseSource(nameof(Charts))]
    public void Run_charts_render_well_formed_deterministic_svg(string name, Plot plot)
    {
        var svg = plot.RenderSvg();
        Assert.That(() => XDocument.Parse(svg), Throws.Nothing);
        Assert.That(plot.RenderSvg(), Is.EqualTo(svg));
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "chart-samples");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".svg"), svg);
    }
}
