using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Results;

/// <summary>The standard charts of one run, from its result files' data: maps results to <see cref="RunCharts"/>.</summary>
public static class RunResultCharts
{
    /// <summary>Stage-0 iterations shown in the pipeline timeline chart (enough to see the bubbles, few enough to read).</summary>
    public const int TimelineIterations = 24;

    /// <summary>Micro-batch colours cycle with this period (the palette has 10 colours).</summary>
    private const int MicroBatchColours = 8;

    /// <summary>Smallest top of a count axis: 0..10 gets whole-number 1-2-5 ticks (a 0..2 axis would tick 0.2 requests).</summary>
    private const double MinCountAxisMax = 10;

    /// <summary>Gantt key of activation sends.</summary>
    private const string SendKey = "send";

    /// <summary>Sends are thin; a near-black stands out from every micro-batch colour (house choice).</summary>
    private static readonly ScottPlot.Color SendColour = ScottPlot.Color.FromHex("#333333");

    /// <summary>CDFs of TTFT, TPOT, ITL or E2EL: samples in ms, the SLO line when one applies.</summary>
    public static Chart LatencyCdf(string metric, IEnumerable<double> samplesMs, double? sloMs) =>
        RunCharts.LatencyCdf($"{metric} distribution", [(metric, samplesMs.Where(double.IsFinite).ToArray())], sloMs);

    /// <summary>CDF of the inter-token latency from its quantiles (1,001 quantiles stand in for the samples; see <see cref="ItlQuantiles"/>).</summary>
    /// <remarks>Log x axis: gaps run from one decode step to whole prefills of other requests, over a decade or more.</remarks>
    public static Chart ItlCdf(IReadOnlyList<double> quantilesMs, double? sloMs) =>
        RunCharts.LatencyCdf("ITL distribution", [("ITL", quantilesMs)], sloMs, logScale: true, yLabel: "Fraction of token gaps ≤ x");

    /// <summary>One sampled quantity over simulated time, with fault windows shaded.</summary>
    /// <remarks>With <paramref name="counts"/> (requests, tokens), an axis that would end below
    /// <see cref="MinCountAxisMax"/> is stretched to it so the ticks are whole numbers.</remarks>
    public static Chart TimeSeries(IReadOnlyList<TimeSeriesRow> rows, string title, string label, string unit, Func<TimeSeriesRow, double> value, IReadOnlyList<(double StartSeconds, double EndSeconds, string Label)>? shaded = null, bool counts = false) =>
        RunCharts.TimeSeries(title, label, unit, rows.Select(r => r.TimeSeconds).ToArray(), [(label, rows.Select(value).ToArray())], shaded, counts ? MinCountAxisMax : 0);

    /// <summary>Stacked bars of each GPU's time shares.</summary>
    public static Chart GpuBreakdown(IReadOnlyList<GpuShares> gpus) =>
        RunCharts.GpuTimeBreakdown(
            "Where the time goes, per GPU",
            gpus.Select(g => $"GPU {g.Gpu} (r{g.Replica} s{g.Stage})").ToArray(),
            gpus.Select(g => g.Shares).ToArray());

    /// <summary>Gantt of replica 0's stage executions and sends over the first iterations of the timeline window.</summary>
    /// <remarks>Time on x is in ms after the window's first span (the axis title says when that is), so a window late
    /// in a long run still reads 0, 50, 100… Micro-batch k takes palette colour k mod 8 and sends a dark colour, with
    /// the legend in that order, whatever the window.</remarks>
    public static Chart PipelineTimeline(IReadOnlyList<TimelineSpan> spans, int stages)
    {
        var rows = Enumerable.Range(0, stages).Select(s => $"stage {s}").ToArray();
        var mine = spans.Where(s => s.Replica == 0).ToArray();
        if (mine.Length == 0)
        {
            return RunCharts.PipelineTimeline(Title, "Simulated time", rows, [], 0, 1);
        }

        var stage0 = mine.Where(s => s.Stage == 0 && !s.IsTransfer).OrderBy(s => s.StartNs).ToArray();
        long start = mine.Min(s => s.StartNs);
        long end = stage0.Length > TimelineIterations ? stage0[TimelineIterations].StartNs : mine.Max(s => s.EndNs);
        var shown = mine.Where(s => s.StartNs < end)
            .OrderBy(s => s.IsTransfer).ThenBy(s => s.MicroBatch % MicroBatchColours).ThenBy(s => s.StartNs).ThenBy(s => s.Stage)
            .Select(s => new GanttSpan(s.Stage, (s.StartNs - start) / 1e6, (s.EndNs - s.StartNs) / 1e6, s.IsTransfer ? SendKey : MicroBatchKey(s.MicroBatch)))
            .ToArray();
        var colours = Enumerable.Range(0, MicroBatchColours).ToDictionary(k => MicroBatchKey(k), ChartTheme.Colour);
        colours[SendKey] = SendColour;
        var xLabel = $"Simulated time after t = {(start / 1e9).ToString("0.######", CultureInfo.InvariantCulture)} s";
        return RunCharts.PipelineTimeline(Title, xLabel, rows, shown, 0, (end - start) / 1e6, colours, SendKey);
    }

    private const string Title = "Pipeline timeline (replica 0)";

    private static string MicroBatchKey(long microBatch) => $"micro-batch {microBatch % MicroBatchColours}";
}
