using DesSim.Core.Statistics;
using ScottPlot;

namespace DesSim.Reporting.Charts;

/// <summary>Charts of studies over many runs: latency vs request rate per layout, throughput-vs-latency scatter with
/// its Pareto frontier, bars of one value per layout, and log-log predicted-vs-measured scatters (validation, calibration).</summary>
public static class StudyCharts
{
    /// <summary>Above this many points only the Pareto-optimal ones are labelled (the rest would overprint).</summary>
    public const int MaxLabelledPoints = 12;

    /// <summary>X headroom of a labelled scatter, so the rightmost point's label fits.</summary>
    private const double LabelRoomX = 1.25;

    /// <summary>Y headroom of a labelled scatter, so the topmost point's label fits.</summary>
    private const double LabelRoomY = 1.15;

    /// <summary>Value-axis headroom of a bar chart, so the longest bar's value label fits.</summary>
    private const double BarLabelRoom = 1.15;

    /// <summary>A latency percentile against request rate, one line per layout, the SLO as a line; log y axis by default.</summary>
    /// <param name="metricName">E.g. "p99 TTFT".</param>
    /// <param name="layouts">Layout name, request rates and the metric (ms) at each rate.</param>
    /// <param name="sloMs">SLO threshold, or null.</param>
    /// <param name="rateLabel">X axis title.</param>
    /// <param name="rateUnit">X axis unit.</param>
    /// <param name="logScale">Log y axis (latency blows up near saturation).</param>
    public static Chart LatencyVsRate(string metricName, IReadOnlyList<(string Layout, IReadOnlyList<double> Rates, IReadOnlyList<double> LatencyMs)> layouts, double? sloMs = null, string rateLabel = "Request rate", string rateUnit = "req/s", bool logScale = true)
    {
        ArgumentNullException.ThrowIfNull(layouts);
        var plot = new Plot();
        ChartAxes.Label(plot, $"{metricName} vs load", rateLabel, rateUnit, metricName, "ms");
        var values = layouts.SelectMany(l => l.LatencyMs).Concat(sloMs is { } s0 ? [s0] : []).Where(v => double.IsFinite(v) && v > 0).DefaultIfEmpty(1).ToArray();
        double floor = values.Min(), high = values.Max();
        double Y(double ms) => logScale ? ChartAxes.Log(ms, floor) : ms;
        for (var i = 0; i < layouts.Count; i++)
        {
            var (layout, rates, latency) = layouts[i];
            var line = plot.Add.ScatterLine(rates.ToArray(), latency.Select(Y).ToArray(), ChartTheme.Colour(i));
            line.LineWidth = ChartTheme.LineWidthPx;
            line.MarkerSize = ChartTheme.MarkerPx;
            line.LegendText = layout;
        }

        if (sloMs is { } slo)
        {
            var line = plot.Add.HorizontalLine(Y(slo), ChartTheme.LineWidthPx, ChartTheme.Slo, LinePattern.Dashed);
            line.LegendText = $"SLO {NumberFormat.Significant(slo)} ms";
        }

        if (logScale)
        {
            ChartAxes.LogTicks(plot.Axes.Left, Math.Log10(floor) - 0.05, Math.Log10(high) + 0.05);
        }

        plot.ShowLegend(Edge.Right);
        return new Chart(plot);
    }

    /// <summary>Throughput per GPU against latency, one point per configuration, with the Pareto frontier joined.</summary>
    /// <param name="labels">Configuration names (layout, rate).</param>
    /// <param name="latencyMs">Latency (lower is better), e.g. p99 E2EL.</param>
    /// <param name="throughputPerGpu">Output tokens per second per GPU (higher is better).</param>
    /// <param name="latencyName">Latency metric name for the x axis.</param>
    public static Chart ThroughputLatencyPareto(IReadOnlyList<string> labels, IReadOnlyList<double> latencyMs, IReadOnlyList<double> throughputPerGpu, string latencyName = "p99 E2EL") =>
        ParetoScatter("Throughput per GPU vs latency", labels, latencyMs, latencyName, throughputPerGpu, "Output throughput per GPU", "tok/s", higherBetter: true);

    /// <summary>Cost or energy per token against latency, one point per configuration, with the Pareto frontier
    /// joined (lower is better on both axes).</summary>
    /// <param name="labels">Configuration names.</param>
    /// <param name="latencyMs">Latency (lower is better), e.g. p99 E2EL.</param>
    /// <param name="pricePerToken">E.g. USD per million output tokens or J per output token (lower is better).</param>
    /// <param name="priceName">Y axis title.</param>
    /// <param name="priceUnit">Y axis unit.</param>
    /// <param name="latencyName">Latency metric name for the x axis.</param>
    public static Chart PriceLatencyPareto(IReadOnlyList<string> labels, IReadOnlyList<double> latencyMs, IReadOnlyList<double> pricePerToken, string priceName, string priceUnit, string latencyName = "p99 E2EL") =>
        ParetoScatter($"{priceName} vs latency", labels, latencyMs, latencyName, pricePerToken, priceName, priceUnit, higherBetter: false);

    private static Chart ParetoScatter(string title, IReadOnlyList<string> labels, IReadOnlyList<double> latencyMs, string latencyName, IReadOnlyList<double> ys, string yName, string yUnit, bool higherBetter)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(latencyMs);
        ArgumentNullException.ThrowIfNull(ys);
        var plot = new Plot();
        ChartAxes.Label(plot, title, latencyName, "ms", yName, yUnit);
        // Why negated: the frontier helper takes a higher-better y; for cost and energy lower is better.
        var frontier = ParetoFrontier.Indices(latencyMs, higherBetter ? ys : ys.Select(v => -v).ToArray());
        var points = plot.Add.Markers(latencyMs.ToArray(), ys.ToArray(), MarkerShape.FilledCircle, ChartTheme.MarkerPx, ChartTheme.Colour(0));
        points.LegendText = "configurations";
        if (frontier.Count > 0)
        {
            var line = plot.Add.ScatterLine(frontier.Select(i => latencyMs[i]).ToArray(), frontier.Select(i => ys[i]).ToArray(), ChartTheme.Reference);
            line.LineWidth = ChartTheme.LineWidthPx;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            line.LegendText = "Pareto frontier";
        }

        var labelled = labels.Count <= MaxLabelledPoints ? Enumerable.Range(0, labels.Count) : frontier;
        foreach (var i in labelled.Where(i => double.IsFinite(latencyMs[i]) && double.IsFinite(ys[i])))
        {
            var text = plot.Add.Text(labels[i], latencyMs[i], ys[i]);
            text.LabelFontSize = ChartTheme.LegendFontPx;
            text.LabelFontColor = ChartTheme.Ink;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = ChartTheme.MarkerPx / 2;
            text.OffsetY = -ChartTheme.MarkerPx / 2;
        }

        var finite = Enumerable.Range(0, latencyMs.Count).Where(i => double.IsFinite(latencyMs[i]) && double.IsFinite(ys[i])).ToArray();
        if (finite.Length > 0)
        {
            plot.Axes.SetLimits(0, finite.Max(i => latencyMs[i]) * LabelRoomX, 0, finite.Max(i => ys[i]) * LabelRoomY);
        }

        plot.ShowLegend(higherBetter ? Alignment.LowerRight : Alignment.UpperRight);
        return new Chart(plot);
    }

    /// <summary>Horizontal bars, one value per category (top to bottom), each its own colour or all one colour.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Category names.</param>
    /// <param name="values">One value per category.</param>
    /// <param name="valueLabel">X axis title.</param>
    /// <param name="unit">X axis unit.</param>
    /// <param name="colourPerBar">Palette colour per bar (runs of a comparison) instead of one colour.</param>
    public static Chart Bars(string title, IReadOnlyList<string> names, IReadOnlyList<double> values, string valueLabel, string unit, bool colourPerBar = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        var plot = new Plot();
        ChartAxes.Label(plot, title, valueLabel, unit, string.Empty, string.Empty);
        var bars = names.Select((_, i) => new Bar
        {
            Position = ChartAxes.RowPosition(i, names.Count),
            Value = double.IsFinite(values[i]) ? values[i] : 0,
            FillColor = ChartTheme.Colour(colourPerBar ? i : 0),
            LineWidth = 0,
            Size = ChartTheme.BarFill,
            Label = double.IsFinite(values[i]) ? NumberFormat.Significant(values[i]) : "n/a",
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = ChartTheme.LegendFontPx;
        ChartAxes.Categories(plot.Axes.Left, names);
        var max = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(0, max > 0 ? max * BarLabelRoom : 1, -0.6, names.Count - 0.4);
        plot.HideLegend();
        return new Chart(plot, ChartTheme.SlideWidthPx, ChartTheme.HeightForRows(names.Count));
    }

    /// <summary>Horizontal bars in groups: per category (top to bottom) one bar per series, each series its own colour,
    /// values printed at the bar ends.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="names">Category names (e.g. the runs of a comparison).</param>
    /// <param name="series">Series name and one value per category (e.g. throughput, goodput), sharing the unit.</param>
    /// <param name="valueLabel">X axis title.</param>
    /// <param name="unit">X axis unit.</param>
    public static Chart GroupedBars(string title, IReadOnlyList<string> names, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string valueLabel, string unit)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        ChartAxes.Label(plot, title, valueLabel, unit, string.Empty, string.Empty);
        var band = ChartTheme.BarFill / Math.Max(series.Count, 1);
        var bars = new List<Bar>();
        for (var row = 0; row < names.Count; row++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[row];
                bars.Add(new Bar
                {
                    // Why: the first series sits on top within its category, in legend order.
                    Position = ChartAxes.RowPosition(row, names.Count) + (ChartTheme.BarFill / 2) - (band * (s + 0.5)),
                    Value = double.IsFinite(v) ? v : 0,
                    FillColor = ChartTheme.Colour(s),
                    LineWidth = 0,
                    Size = band * ChartTheme.BarFill,
                    Label = double.IsFinite(v) ? NumberFormat.Significant(v) : "n/a",
                });
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = ChartTheme.LegendFontPx;
        RunCharts.ManualLegend(plot, series.Select((s, i) => (s.Name, ChartTheme.Colour(i))));
        ChartAxes.Categories(plot.Axes.Left, names);
        var max = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(0, max > 0 ? max * BarLabelRoom : 1, -0.6, names.Count - 0.4);
        plot.ShowLegend(Edge.Bottom);
        return new Chart(plot, ChartTheme.SlideWidthPx, ChartTheme.HeightForRows(names.Count * series.Count));
    }

    /// <summary>Log-log scatter of predicted (y) against measured (x) per series, with the y = x line.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="unit">Unit of both axes, or empty when series mix units (then named in the series).</param>
    /// <param name="series">Name, measured and predicted values; non-positive values are dropped (log axes).</param>
    /// <param name="predictedName">Y axis title (e.g. "predicted", "fitted").</param>
    public static Chart PredictedVsMeasured(string title, string unit, IReadOnlyList<(string Name, IReadOnlyList<double> Measured, IReadOnlyList<double> Predicted)> series, string predictedName = "predicted")
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        ChartAxes.Label(plot, title, "measured", unit, predictedName, unit);
        var all = series.SelectMany(s => s.Measured.Concat(s.Predicted)).Where(v => v > 0 && double.IsFinite(v)).ToArray();
        double lo = all.Length == 0 ? 1 : all.Min(), hi = all.Length == 0 ? 10 : all.Max();
        for (var i = 0; i < series.Count; i++)
        {
            var pairs = series[i].Measured.Zip(series[i].Predicted).Where(p => p.First > 0 && p.Second > 0 && double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (pairs.Length == 0)
            {
                continue;
            }

            var markers = plot.Add.Markers(pairs.Select(p => Math.Log10(p.First)).ToArray(), pairs.Select(p => Math.Log10(p.Second)).ToArray(), MarkerShape.FilledCircle, ChartTheme.MarkerPx * 0.8f, ChartTheme.Colour(i));
            markers.LegendText = series[i].Name;
        }

        var identity = plot.Add.Line(Math.Log10(lo), Math.Log10(lo), Math.Log10(hi), Math.Log10(hi));
        identity.Color = ChartTheme.Reference;
        identity.LineWidth = ChartTheme.LineWidthPx / 1.5f;
        identity.LinePattern = LinePattern.Dashed;
        identity.LegendText = "y = x";
        var pad = Math.Max(0.05, (Math.Log10(hi) - Math.Log10(lo)) * 0.04);
        ChartAxes.LogTicks(plot.Axes.Bottom, Math.Log10(lo) - pad, Math.Log10(hi) + pad);
        ChartAxes.LogTicks(plot.Axes.Left, Math.Log10(lo) - pad, Math.Log10(hi) + pad);
        plot.ShowLegend(Edge.Right);
        return new Chart(plot);
    }
}
