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

    /// <summary>Time bins of the prefix hit-rate chart: fine enough to show a cache warming up, coarse enough that each bin
    /// holds many lookups (house choice).</summary>
    public const int HitRateBins = 50;

    /// <summary>Token hit rate of the prefix cache over simulated time: per bin of first-admission times, cached prompt
    /// tokens over prompt tokens, in %; with KV tiers (<paramref name="tiers"/>) a second line for the GPU cache alone.</summary>
    /// <remarks>Bins are <see cref="HitRateBins"/> equal spans of [0, last admission]; a bin without lookups is left out.
    /// Each step starts at its bin's start.</remarks>
    public static Chart PrefixHitRate(IReadOnlyList<PrefixSample> samples, bool tiers)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var (times, all, gpu) = HitRateSeries(samples);
        IReadOnlyList<(string, IReadOnlyList<double>)> series = tiers ? [("all tiers", all), ("GPU only", gpu)] : [("token hit rate", all)];
        return RunCharts.TimeSeries("Prefix-cache token hit rate (by first admission)", "token hit rate", "%", times, series);
    }

    /// <summary>The data of <see cref="PrefixHitRate"/>: bin starts (s) and hit rates (%) over all tiers and the GPU alone.</summary>
    public static (double[] TimesSeconds, double[] AllTiersPercent, double[] GpuPercent) HitRateSeries(IReadOnlyList<PrefixSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return ([], [], []);
        }

        double end = samples.Max(x => x.ScheduledSeconds);
        double width = end > 0 ? end / HitRateBins : 1;
        var prompt = new long[HitRateBins];
        var cached = new long[HitRateBins];
        var loaded = new long[HitRateBins];
        foreach (var x in samples)
        {
            int b = Math.Clamp((int)(x.ScheduledSeconds / width), 0, HitRateBins - 1);
            prompt[b] += x.InputTokens;
            cached[b] += x.CachedTokens;
            loaded[b] += x.LoadedTokens;
        }

        var bins = Enumerable.Range(0, HitRateBins).Where(b => prompt[b] > 0).ToArray();
        return (bins.Select(b => b * width).ToArray(), bins.Select(b => 100.0 * cached[b] / prompt[b]).ToArray(), bins.Select(b => 100.0 * (cached[b] - loaded[b]) / prompt[b]).ToArray());
    }

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
