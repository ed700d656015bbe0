using System.Globalization;
using DesSim.Core.Metrics;
using DesSim.Reporting.Charts;

namespace DesSim.Reporting.Results;

/// <summary>The standard charts of one run, as SVG strings.</summary>
public static class RunCharts
{
    /// <summary>Stage-0 iterations shown in the pipeline timeline chart (enough to see the bubbles, few enough to read).</summary>
    public const int TimelineIterations = 24;

    private static readonly string[] Categories = ["compute", "TP comm", "PP comm", "other comm", "bubble", "idle"];

    /// <summary>Empirical CDF of one latency metric with p50/p99 markers and the SLO line when one applies.</summary>
    public static string LatencyCdf(string metric, IEnumerable<double> samplesMs, double? sloMs)
    {
        var plot = new Plot { Title = $"{metric} distribution" };
        plot.XAxis.Label = metric;
        plot.XAxis.Unit = "ms";
        plot.YAxis.Label = "fraction of requests";
        var data = samplesMs.Where(double.IsFinite).ToArray();
        if (data.Length > 0)
        {
            plot.AddCdf(data, metric, "ms");
        }

        if (sloMs is { } slo)
        {
            plot.AddVerticalLine(slo, string.Create(CultureInfo.InvariantCulture, $"SLO {slo:G} ms"));
        }

        return plot.RenderSvg();
    }

    /// <summary>CDF of inter-token latency from its histogram (quantiles at 0.1% steps).</summary>
    public static string ItlCdf(LogHistogram itl, double? sloMs)
    {
        var plot = new Plot { Title = "ITL distribution" };
        plot.XAxis.Label = "inter-token latency";
        plot.XAxis.Unit = "ms";
        plot.YAxis.Label = "fraction of gaps";
        if (itl.Count > 0)
        {
            const int points = 1000;
            var ps = Enumerable.Range(0, points + 1).Select(i => i / (double)points).ToArray();
            plot.AddStep(ps.Select(p => itl.Quantile(p) / 1e6).ToArray(), ps, "ITL");
        }

        if (sloMs is { } slo)
        {
            plot.AddVerticalLine(slo, string.Create(CultureInfo.InvariantCulture, $"SLO {slo:G} ms"));
        }

        return plot.RenderSvg();
    }

    /// <summary>One time-series panel.</summary>
    public static string TimeSeries(IReadOnlyList<TimeSeriesRow> rows, string title, string label, string unit, Func<TimeSeriesRow, double> value)
    {
        var plot = new Plot { Title = title };
        plot.XAxis.Label = "simulated time";
        plot.XAxis.Unit = "s";
        plot.YAxis.Label = label;
        plot.YAxis.Unit = unit;
        plot.ShowLegend = false;
        if (rows.Count > 0)
        {
            plot.AddStep(rows.Select(r => r.TimeSeconds).ToArray(), rows.Select(value).ToArray(), label);
        }

        return plot.RenderSvg();
    }

    /// <summary>Stacked bars of each GPU's time shares.</summary>
    public static string GpuBreakdown(IReadOnlyList<GpuRecord> gpus)
    {
        var plot = new Plot(heightPx: Math.Max(ChartStyle.DefaultHeightPx, 60 + (22 * gpus.Count))) { Title = "Where each GPU's time goes" };
        plot.XAxis.Label = "share of run duration";
        plot.XAxis.Unit = "%";
        var categories = gpus.Select(g => $"GPU {g.Gpu} (r{g.Replica} s{g.Stage})").ToArray();
        var values = gpus.Select(g => (IReadOnlyList<double>)new[]
        {
            100 * g.Share(g.ComputeSeconds), 100 * g.Share(g.TpCommSeconds), 100 * g.Share(g.PpCommSeconds),
            100 * g.Share(g.OtherCommSeconds), 100 * g.Share(g.BubbleSeconds), 100 * g.Share(g.IdleSeconds),
        }).ToArray();
        plot.AddStackedBars(categories, Categories, values);
        return plot.RenderSvg();
    }

    /// <summary>Gantt of stage executions and transfers per pipeline stage over the first iterations of the timeline window.</summary>
    public static string PipelineTimeline(IReadOnlyList<TimelineSpan> spans, int stages)
    {
        var plot = new Plot(heightPx: Math.Max(ChartStyle.DefaultHeightPx, 80 + (28 * stages))) { Title = "Pipeline timeline (replica 0)" };
        plot.XAxis.Label = "simulated time";
        plot.XAxis.Unit = "ms";
        var mine = spans.Where(s => s.Replica == 0).ToArray();
        var rows = Enumerable.Range(0, stages).Select(s => $"stage {s}").ToArray();
        if (mine.Length == 0)
        {
            plot.AddGantt(rows, []);
            return plot.RenderSvg();
        }

        var stage0 = mine.Where(s => s.Stage == 0 && !s.IsTransfer).OrderBy(s => s.StartNs).ToArray();
        long start = mine.Min(s => s.StartNs);
        long end = stage0.Length > TimelineIterations ? stage0[TimelineIterations].StartNs : mine.Max(s => s.EndNs);
        var shown = mine.Where(s => s.StartNs >= start && s.StartNs < end)
            .Select(s => new GanttSpan(s.Stage, s.StartNs / 1e6, (s.EndNs - s.StartNs) / 1e6, s.IsTransfer ? "send" : $"micro-batch {s.MicroBatch % 8}"))
            .ToArray();
        plot.AddGantt(rows, shown, start / 1e6, end / 1e6);
        return plot.RenderSvg();
    }
}
