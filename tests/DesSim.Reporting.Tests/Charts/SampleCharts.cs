using DesSim.Core.Workload;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>One sample of every chart kind DesSim draws, from small fixed data.</summary>
internal static class SampleCharts
{
    /// <summary>Lognormal-ish TTFT samples (ms), fixed seed.</summary>
    public static double[] Ttft()
    {
        var rng = new Random(7);
        return Enumerable.Range(0, 2500).Select(_ => Math.Exp(4.5 + (0.6 * Normal(rng)))).ToArray();
    }

    public static IEnumerable<(string Name, Chart Chart)> All()
    {
        var ttft = Ttft();
        var tpot = ttft.Select(x => x / 8).ToArray();
        var t = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        yield return ("cdf", RunCharts.LatencyCdf("TTFT distribution", [("TTFT", ttft)], 250));
        yield return ("cdf-overlay", RunCharts.LatencyCdf("TTFT", [("TP8", ttft), ("TP4xPP2", tpot)], 100));
        yield return ("cdf-log", RunCharts.LatencyCdf("ITL distribution", [("ITL", ttft)], 100, logScale: true));
        yield return ("time-series", RunCharts.TimeSeries("KV occupancy", "occupancy", "%", t, [("replica 0", t.Select(x => 40 + (30 * Math.Sin(x / 9))).ToArray())], [(20, 25, "fault")]));
        yield return ("breakdown", RunCharts.GpuTimeBreakdown("Where the time goes", ["gpu0", "gpu1"], [[0.5, 0.1, 0.05, 0.0, 0.1, 0.25], [0.45, 0.1, 0.05, 0.05, 0.15, 0.2]]));
        yield return ("gantt", RunCharts.PipelineTimeline("Pipeline", "Simulated time", ["stage 0", "stage 1"], [new GanttSpan(0, 0, 5, "mb 0"), new GanttSpan(1, 6, 5, "mb 0"), new GanttSpan(0, 5, 5, "mb 1"), new GanttSpan(1, 5, 1, "send")], 0, 20, thinKey: "send"));
        yield return ("latency-vs-rate", StudyCharts.LatencyVsRate("p99 TTFT", [("TP8", [1, 2, 4], [100, 150, 900]), ("TP4 PP2", [1, 2, 4], [140, 170, 400])], 500));
        yield return ("pareto", StudyCharts.ThroughputLatencyPareto(["a", "b", "c"], [100, 200, 150], [500, 900, 400]));
        yield return ("price-pareto", StudyCharts.PriceLatencyPareto(["a", "b", "c"], [100, 200, 150], [2.5, 1.2, 3.0], "Cost per million output tokens", "USD"));
        yield return ("cdf-compare", RunCharts.ComparisonCdf("TTFT by run", [("TP8", ttft), ("TP4xPP2", tpot), ("PP8", ttft.Select(x => 3 * x).ToArray())], [(100, "SLO 100 ms: TP8"), (250, "SLO 250 ms: TP4xPP2, PP8")], logScale: true));
        yield return ("grouped-bars", StudyCharts.GroupedBars("Throughput and goodput", ["TP8", "TP4xPP2", "PP8"], [("throughput", [4.7, 4.6, 3.1]), ("goodput", [1.4, 2.2, double.NaN])], "Rate", "req/s"));
        yield return ("bars", StudyCharts.Bars("Capacity", ["TP8", "TP4xPP2"], [1.5, 2.25], "Capacity per GPU", "req/s"));
        yield return ("validation", StudyCharts.PredictedVsMeasured("Validation", "ms", [("TTFT", [10, 100, 1000], [12, 90, 1100]), ("TPOT", [5, 20], [6, 18])]));
        yield return ("prefix-hit-rate", DesSim.Reporting.Results.RunResultCharts.PrefixHitRate(PrefixSamples(), tiers: true));
        yield return ("histograms", TraceLengthCharts.Build("t.csv", [new HistogramBin(0, 100, 3), new HistogramBin(100, 200, 7)], [new HistogramBin(0, 50, 4), new HistogramBin(50, 100, 6)]));
    }

    /// <summary>400 lookups over 100 s whose hit rate warms up from 0 to ~80%, a quarter of the hits loaded from a lower tier.</summary>
    public static DesSim.Reporting.Results.PrefixSample[] PrefixSamples() =>
        Enumerable.Range(0, 400).Select(i => new DesSim.Reporting.Results.PrefixSample(i * 0.25, 1000, (int)(800 * (1 - Math.Exp(-i / 80.0))), (int)(200 * (1 - Math.Exp(-i / 80.0))))).ToArray();

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
