using DesSim.Core.Statistics;

namespace DesSim.Reporting.Charts;

/// <summary>Ready-made charts of a run or a sweep, in the house style: latency CDFs, time series, per-GPU time
/// breakdown, pipeline timeline, p99-vs-rate per layout, throughput-vs-latency Pareto scatter.</summary>
/// <remarks>Units are in the parameter names (ms, s, req/s, tok/s). Each method returns a <see cref="Plot"/> that
/// callers may still adjust before <see cref="Plot.RenderSvg"/>.</remarks>
public static class RunCharts
{
    /// <summary>Segment names of the per-GPU time breakdown, in the order values are given.</summary>
    public static IReadOnlyList<string> TimeBreakdownSegments { get; } = ["compute", "TP comm", "PP comm", "other comm (EP/CP)", "bubble", "idle"];

    /// <summary>Empirical CDFs of one or more latency metrics (e.g. TTFT and E2EL) with p50/p99 markers and an SLO line.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="series">Metric name and raw samples in ms, one CDF each.</param>
    /// <param name="sloMs">SLO threshold to draw, or null.</param>
    /// <param name="logScale">Log x axis (for heavy tails spanning decades).</param>
    public static Plot LatencyCdf(string title, IReadOnlyList<(string Name, IReadOnlyList<double> SamplesMs)> series, double? sloMs = null, bool logScale = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot { Title = title };
        plot.XAxis.Label = "Latency";
        plot.XAxis.Unit = "ms";
        plot.XAxis.Scale = logScale ? AxisScale.Log : AxisScale.Linear;
        if (!logScale)
        {
            plot.XAxis.Min = 0;
        }

        foreach (var (name, samples) in series)
        {
            plot.AddCdf(samples, name, "ms");
        }

        if (sloMs is { } slo)
        {
            plot.AddVerticalLine(slo, $"SLO {NumberFormat.Significant(slo)} ms");
        }

        return plot;
    }

    /// <summary>Step lines of sampled quantities over simulated time (queue length, batch size, KV occupancy, throughput).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="yLabel">Y axis title.</param>
    /// <param name="yUnit">Y axis unit (e.g. "%", "tok/s"); empty for counts.</param>
    /// <param name="timesSeconds">Sample times.</param>
    /// <param name="series">Name and one value per sample time.</param>
    /// <param name="shadedWindowsSeconds">Windows to shade (e.g. faults), with a legend label each.</param>
    public static Plot TimeSeries(string title, string yLabel, string yUnit, IReadOnlyList<double> timesSeconds, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, IReadOnlyList<(double StartSeconds, double EndSeconds, string Label)>? shadedWindowsSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot { Title = title };
        plot.XAxis.Label = "Simulated time";
        plot.XAxis.Unit = "s";
        plot.XAxis.Min = 0;
        plot.YAxis.Label = yLabel;
        plot.YAxis.Unit = yUnit;
        plot.YAxis.Min = 0;
        foreach (var (start, end, label) in shadedWindowsSeconds ?? [])
        {
            plot.AddBand(start, end, label);
        }

        foreach (var (name, values) in series)
        {
            plot.AddStep(timesSeconds, values, name);
        }

        return plot;
    }

    /// <summary>Horizontal stacked bars of where each GPU's time goes, as shares of the makespan.</summary>
    /// <param name="gpuNames">One name per GPU, listed top to bottom.</param>
    /// <param name="shares">Per GPU: compute, TP comm, PP comm, other comm, bubble, idle shares (0..1, summing to 1).</param>
    public static Plot GpuTimeBreakdown(IReadOnlyList<string> gpuNames, IReadOnlyList<IReadOnlyList<double>> shares)
    {
        var plot = new Plot(ChartStyle.DefaultWidthPx, Math.Max(ChartStyle.DefaultHeightPx, 90 + (gpuNames.Count * 16))) { Title = "Where the time goes, per GPU" };
        plot.XAxis.Label = "Share of simulated time";
        plot.XAxis.Min = 0;
        plot.XAxis.Max = 1;
        plot.AddStackedBars(gpuNames, TimeBreakdownSegments, shares).SegmentColors = Palette.TimeBreakdown;
        return plot;
    }

    /// <summary>Gantt of stage executions per GPU (and transfers per link) over a window; micro-batches coloured by
    /// span key, bubbles visible as the grey lane.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="rows">Row names, top to bottom.</param>
    /// <param name="spansMs">Spans with start and duration in ms.</param>
    /// <param name="windowStartMs">Window start.</param>
    /// <param name="windowEndMs">Window end.</param>
    public static Plot PipelineTimeline(string title, IReadOnlyList<string> rows, IReadOnlyList<GanttSpan> spansMs, double windowStartMs, double windowEndMs)
    {
        var plot = new Plot(ChartStyle.DefaultWidthPx, Math.Max(ChartStyle.DefaultHeightPx, 90 + (rows.Count * 22))) { Title = title };
        plot.XAxis.Label = "Simulated time";
        plot.XAxis.Unit = "ms";
        plot.AddGantt(rows, spansMs, windowStartMs, windowEndMs);
        return plot;
    }

    /// <summary>A latency percentile against request rate, one line per parallel layout, with the SLO as a line.</summary>
    /// <param name="metricName">E.g. "p99 TTFT".</param>
    /// <param name="layouts">Layout name, request rates (req/s) and the metric (ms) at each rate.</param>
    /// <param name="sloMs">SLO threshold, or null.</param>
    /// <param name="logScale">Log y axis (latency blows up near saturation).</param>
    public static Plot LatencyVsRate(string metricName, IReadOnlyList<(string Layout, IReadOnlyList<double> RatesPerSecond, IReadOnlyList<double> LatencyMs)> layouts, double? sloMs = null, bool logScale = true)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        var plot = new Plot { Title = $"{metricName} vs request rate" };
        plot.XAxis.Label = "Request rate";
        plot.XAxis.Unit = "req/s";
        plot.YAxis.Label = metricName;
        plot.YAxis.Unit = "ms";
        plot.YAxis.Scale = logScale ? AxisScale.Log : AxisScale.Linear;
        foreach (var (layout, rates, latency) in layouts)
        {
            plot.AddLine(rates, latency, layout).ShowMarkers = true;
        }

        if (sloMs is { } slo)
        {
            plot.AddHorizontalLine(slo, $"SLO {NumberFormat.Significant(slo)} ms");
        }

        return plot;
    }

    /// <summary>Cost or energy per token against latency, one labelled point per configuration, with the Pareto frontier
    /// (lower is better on both axes).</summary>
    /// <param name="labels">Configuration names.</param>
    /// <param name="latencyMs">Latency (lower is better), e.g. p99 E2EL.</param>
    /// <param name="pricePerToken">USD per million output tokens or J per output token (lower is better).</param>
    /// <param name="priceName">Y axis name.</param>
    /// <param name="priceUnit">Y axis unit.</param>
    /// <param name="latencyName">Latency metric name for the x axis.</param>
    public static Plot PriceLatencyPareto(IReadOnlyList<string> labels, IReadOnlyList<double> latencyMs, IReadOnlyList<double> pricePerToken, string priceName, string priceUnit, string latencyName = "p99 E2EL")
    {
        var plot = new Plot { Title = $"{priceName} vs latency" };
        plot.XAxis.Label = latencyName;
        plot.XAxis.Unit = "ms";
        plot.YAxis.Label = priceName;
        plot.YAxis.Unit = priceUnit;
        plot.AddScatter(latencyMs, pricePerToken, "configurations", labels);
        // Why negated: the frontier helper takes a higher-better y; here lower cost is better.
        var frontier = ParetoFrontier.Indices(latencyMs, pricePerToken.Select(v => -v).ToArray());
        plot.Add(new LineSeries(frontier.Select(i => latencyMs[i]).ToArray(), frontier.Select(i => pricePerToken[i]).ToArray()) { Label = "Pareto frontier", Dashed = true, LineWidthPx = 1.5, Color = "#555555" });
        return plot;
    }

    /// <summary>Throughput per GPU against latency, one labelled point per configuration, with the Pareto frontier.</summary>
    /// <param name="labels">Configuration names (layout, rate).</param>
    /// <param name="latencyMs">Latency (lower is better), e.g. p99 E2EL.</param>
    /// <param name="throughputPerGpu">Output tokens per second per GPU (higher is better).</param>
    /// <param name="latencyName">Latency metric name for the x axis.</param>
    public static Plot ThroughputLatencyPareto(IReadOnlyList<string> labels, IReadOnlyList<double> latencyMs, IReadOnlyList<double> throughputPerGpu, string latencyName = "p99 E2EL")
    {
        var plot = new Plot { Title = "Throughput per GPU vs latency" };
        plot.XAxis.Label = latencyName;
        plot.XAxis.Unit = "ms";
        plot.YAxis.Label = "Output throughput per GPU";
        plot.YAxis.Unit = "tok/s";
        plot.AddScatter(latencyMs, throughputPerGpu, "configurations", labels);
        plot.AddParetoFrontier(latencyMs, throughputPerGpu);
        return plot;
    }
}
