using ScottPlot;

namespace DesSim.Reporting.Charts;

/// <summary>The charts of one run in the house style: latency CDFs with p50/p99 markers and SLO lines, step time
/// series with shaded windows, the per-GPU time breakdown and the pipeline timeline.</summary>
/// <remarks>Units are in the parameter names. Each builder returns a styled <see cref="Chart"/> whose ScottPlot plot
/// callers may still adjust (then call <see cref="ChartTheme.Apply"/> again if they add text).</remarks>
public static class RunCharts
{
    /// <summary>Segment names of the per-GPU time breakdown, in the order values are given.</summary>
    public static IReadOnlyList<string> TimeBreakdownSegments { get; } = ["compute", "TP comm", "PP comm", "other comm (EP/CP)", "bubble", "idle"];

    /// <summary>Headroom above the largest value of a linear axis.</summary>
    private const double Headroom = 1.05;

    /// <summary>Empirical CDFs of latency samples with p50/p99 markers (labelled when there is one series) and an SLO line.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="series">Series name and raw samples in ms, one CDF each, one palette colour each.</param>
    /// <param name="sloMs">SLO threshold to draw, or null.</param>
    /// <param name="logScale">Log x axis (for tails spanning decades).</param>
    /// <param name="yLabel">Y axis title.</param>
    public static Chart LatencyCdf(string title, IReadOnlyList<(string Name, IReadOnlyList<double> SamplesMs)> series, double? sloMs = null, bool logScale = false, string yLabel = "Fraction of requests ≤ x") =>
        Cdf(title, series, sloMs is { } slo ? [(slo, $"SLO {NumberFormat.Significant(slo)} ms")] : [], logScale, yLabel);

    /// <summary>CDFs of several runs overlaid (one palette colour per run, p50/p99 markers unlabelled) with one dashed
    /// SLO line per distinct bound.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="series">Run label and raw samples in ms.</param>
    /// <param name="slos">SLO bounds in ms with their legend text (e.g. "SLO 200 ms: run A, run B").</param>
    /// <param name="logScale">Log x axis (runs spanning decades).</param>
    public static Chart ComparisonCdf(string title, IReadOnlyList<(string Name, IReadOnlyList<double> SamplesMs)> series, IReadOnlyList<(double Ms, string Label)> slos, bool logScale) =>
        Cdf(title, series, slos, logScale, "Fraction of requests ≤ x");

    private static Chart Cdf(string title, IReadOnlyList<(string Name, IReadOnlyList<double> SamplesMs)> series, IReadOnlyList<(double Ms, string Label)> slos, bool logScale, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(slos);
        var plot = new Plot();
        ChartAxes.Label(plot, title, "Latency", "ms", yLabel, string.Empty);
        var curves = series.Select(s => new CdfCurve(s.SamplesMs)).ToArray();
        var floor = curves.Select(c => c.MinPositive).Where(double.IsFinite).DefaultIfEmpty(1).Min();
        double X(double ms) => logScale ? ChartAxes.Log(ms, floor) : ms;
        for (var i = 0; i < curves.Length; i++)
        {
            var curve = curves[i];
            if (curve.Count == 0)
            {
                continue;
            }

            var colour = ChartTheme.Colour(i);
            var (xs, ys) = curve.Points();
            var line = plot.Add.ScatterLine(xs.Select(X).ToArray(), ys, colour);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = ChartTheme.LineWidthPx;
            line.MarkerSize = 0;
            line.LegendText = series[i].Name;
            foreach (var (value, fraction, name) in new[] { (curve.P50, 0.50, "p50"), (curve.P99, 0.99, "p99") })
            {
                var marker = plot.Add.Marker(X(value), fraction, MarkerShape.FilledCircle, ChartTheme.MarkerPx, colour);
                marker.MarkerLineColor = Colors.White;
                if (curves.Length == 1)
                {
                    var label = plot.Add.Text($"{name} {NumberFormat.Significant(value)} ms", X(value), fraction);
                    label.LabelFontSize = ChartTheme.LegendFontPx;
                    label.LabelFontColor = colour;
                    label.LabelAlignment = Alignment.UpperLeft;
                    label.OffsetX = ChartTheme.MarkerPx / 2;
                    label.OffsetY = ChartTheme.MarkerPx / 2;
                }
            }
        }

        var highMs = curves.Select(c => c.Max).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        LinePattern[] patterns = [LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
        for (var i = 0; i < slos.Count; i++)
        {
            var (slo, label) = slos[i];
            var line = plot.Add.VerticalLine(X(slo), ChartTheme.LineWidthPx, ChartTheme.Slo, patterns[i % patterns.Length]);
            line.LegendText = label;
            highMs = Math.Max(highMs, slo);
        }

        if (logScale)
        {
            ChartAxes.LogTicks(plot.Axes.Bottom, Math.Log10(floor), Math.Log10(highMs * Headroom));
        }
        else
        {
            plot.Axes.SetLimitsX(0, highMs * Headroom);
        }

        plot.Axes.SetLimitsY(-0.02, 1.04);
        plot.ShowLegend(Alignment.LowerRight);
        return new Chart(plot);
    }

    /// <summary>Step lines of sampled quantities over simulated time, with shaded windows (e.g. faults).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="yLabel">Y axis title.</param>
    /// <param name="yUnit">Y axis unit (e.g. "%", "tok/s").</param>
    /// <param name="timesSeconds">Sample times.</param>
    /// <param name="series">Name and one value per sample time.</param>
    /// <param name="shadedWindowsSeconds">Windows to shade, with a legend label each.</param>
    /// <param name="minYMax">Smallest top of the y axis (e.g. 10 so a count axis ticks whole numbers).</param>
    public static Chart TimeSeries(string title, string yLabel, string yUnit, IReadOnlyList<double> timesSeconds, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, IReadOnlyList<(double StartSeconds, double EndSeconds, string Label)>? shadedWindowsSeconds = null, double minYMax = 0)
    {
        ArgumentNullException.ThrowIfNull(timesSeconds);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        ChartAxes.Label(plot, title, "Simulated time", "s", yLabel, yUnit);
        var legend = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end, label) in shadedWindowsSeconds ?? [])
        {
            var span = plot.Add.HorizontalSpan(start, end, ChartTheme.Slo.WithAlpha(ChartTheme.BandAlpha));
            span.LineWidth = 0;
            span.LegendText = legend.Add(label) ? label : string.Empty;
        }

        var top = minYMax;
        for (var i = 0; i < series.Count; i++)
        {
            var values = series[i].Values.ToArray();
            if (values.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(timesSeconds.ToArray(), values, ChartTheme.Colour(i));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = ChartTheme.LineWidthPx;
            line.MarkerSize = 0;
            line.LegendText = series[i].Name;
            top = Math.Max(top, values.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }

        var end2 = timesSeconds.Count == 0 ? 1 : Math.Max(timesSeconds[^1], 1e-9);
        plot.Axes.SetLimits(0, end2, 0, top > 0 ? top * Headroom : 1);
        // Why: one unshaded series is named by the y axis already; its legend box would only cover the line.
        if (series.Count > 1 || legend.Count > 0)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }
        else
        {
            plot.HideLegend();
        }
        return new Chart(plot);
    }

    /// <summary>Horizontal stacked bars of where each GPU's (or layout's) time goes, as shares of the makespan.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="names">One name per bar, listed top to bottom.</param>
    /// <param name="shares">Per bar: compute, TP comm, PP comm, other comm, bubble, idle shares (0..1, summing to 1).</param>
    public static Chart GpuTimeBreakdown(string title, IReadOnlyList<string> names, IReadOnlyList<IReadOnlyList<double>> shares)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(shares);
        var plot = new Plot();
        ChartAxes.Label(plot, title, "Share of simulated time", string.Empty, string.Empty, string.Empty);
        var bars = new List<Bar>();
        for (var row = 0; row < names.Count; row++)
        {
            double start = 0;
            for (var s = 0; s < TimeBreakdownSegments.Count && s < shares[row].Count; s++)
            {
                var share = double.IsFinite(shares[row][s]) ? shares[row][s] : 0;
                bars.Add(new Bar { Position = ChartAxes.RowPosition(row, names.Count), ValueBase = start, Value = start + share, FillColor = ChartTheme.TimeBreakdown[s], LineWidth = 0, Size = ChartTheme.BarFill });
                start += share;
            }
        }

        plot.Add.Bars(bars).Horizontal = true;
        ManualLegend(plot, TimeBreakdownSegments.Select((name, s) => (name, ChartTheme.TimeBreakdown[s])));
        ChartAxes.Categories(plot.Axes.Left, names);
        ChartAxes.Percent(plot.Axes.Bottom);
        plot.Axes.SetLimits(0, 1, -0.6, names.Count - 0.4);
        plot.ShowLegend(Edge.Right);
        return new Chart(plot, ChartTheme.SlideWidthPx, ChartTheme.HeightForRows(names.Count));
    }

    /// <summary>Gantt of spans per row (stage executions per GPU, transfers per link) over a window; rows are grey
    /// lanes, so idle time (bubbles) shows as grey.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">X axis title (the unit is ms).</param>
    /// <param name="rows">Row names, top to bottom.</param>
    /// <param name="spansMs">Spans with start and duration in ms; the legend lists keys in first-appearance order.</param>
    /// <param name="windowStartMs">Window start.</param>
    /// <param name="windowEndMs">Window end.</param>
    /// <param name="keyColours">Colour per span key (others take palette colours in legend order).</param>
    /// <param name="thinKey">Key drawn as a thin bar through the lane's middle (e.g. activation sends), or null.</param>
    public static Chart PipelineTimeline(string title, string xLabel, IReadOnlyList<string> rows, IReadOnlyList<GanttSpan> spansMs, double windowStartMs, double windowEndMs, IReadOnlyDictionary<string, Color>? keyColours = null, string? thinKey = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(spansMs);
        const double Lane = 0.4, Thin = 0.12;
        var plot = new Plot();
        ChartAxes.Label(plot, title, xLabel, "ms", string.Empty, string.Empty);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = ChartAxes.RowPosition(r, rows.Count);
            Box(plot, windowStartMs, windowEndMs, y - Lane, y + Lane, ChartTheme.Lane);
        }

        var keys = spansMs.Select(s => s.Key).Distinct(StringComparer.Ordinal).ToArray();
        var colours = keys.Select((k, i) => (k, keyColours is not null && keyColours.TryGetValue(k, out var c) ? c : ChartTheme.Colour(i))).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);
        foreach (var s in spansMs.Where(s => s.Row >= 0 && s.Row < rows.Count))
        {
            var y = ChartAxes.RowPosition(s.Row, rows.Count);
            var half = s.Key == thinKey ? Thin : Lane;
            Box(plot, s.Start, s.Start + s.Duration, y - half, y + half, colours[s.Key]);
        }

        ManualLegend(plot, keys.Select(k => (k, colours[k])));
        ChartAxes.Categories(plot.Axes.Left, rows);
        plot.Axes.SetLimits(windowStartMs, windowEndMs > windowStartMs ? windowEndMs : windowStartMs + 1, -0.6, Math.Max(rows.Count, 1) - 0.4);
        plot.ShowLegend(Edge.Right);
        return new Chart(plot, ChartTheme.SlideWidthPx, ChartTheme.HeightForRows(rows.Count));
    }

    /// <summary>Replaces the plot's legend with colour swatches, in order.</summary>
    internal static void ManualLegend(Plot plot, IEnumerable<(string Name, Color Colour)> items)
    {
        plot.Legend.ManualItems.Clear();
        foreach (var (name, colour) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = colour, LineWidth = 0 });
        }
    }

    private static void Box(Plot plot, double left, double right, double bottom, double top, Color colour)
    {
        var box = plot.Add.Rectangle(left, right, bottom, top);
        box.FillColor = colour;
        box.LineWidth = 0;
    }
}
