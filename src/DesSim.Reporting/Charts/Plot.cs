using DesSim.Core.Statistics;

namespace DesSim.Reporting.Charts;

/// <summary>A chart: add series to it, set titles and axes, then <see cref="RenderSvg"/>. Shaped like ScottPlot's
/// Plot, but writes standalone SVG.</summary>
/// <remarks>Sizes are in pixels. Output is deterministic: invariant culture, numbers rounded to 0.01 px, elements in
/// the order series were added (bands first, threshold lines last), no ids, timestamps or random values — so two
/// renders of the same plot are byte-identical, and several charts can be inlined in one HTML page.</remarks>
public sealed class Plot
{
    private readonly List<Series> _series = [];

    /// <summary>Creates an empty plot.</summary>
    /// <param name="widthPx">Total width including margins and legend.</param>
    /// <param name="heightPx">Total height including title and axis labels.</param>
    public Plot(double widthPx = ChartStyle.DefaultWidthPx, double heightPx = ChartStyle.DefaultHeightPx)
    {
        WidthPx = widthPx;
        HeightPx = heightPx;
    }

    /// <summary>Total width in pixels.</summary>
    public double WidthPx { get; }

    /// <summary>Total height in pixels.</summary>
    public double HeightPx { get; }

    /// <summary>Title drawn above the plot area; empty for none.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; } = new();

    /// <summary>The vertical axis.</summary>
    public Axis YAxis { get; } = new();

    /// <summary>Whether to draw the legend (right of the plot area) when any series has a label.</summary>
    public bool ShowLegend { get; set; } = true;

    /// <summary>The series added so far, in drawing order within their layer.</summary>
    public IReadOnlyList<Series> Series => _series;

    /// <summary>Adds any series.</summary>
    public T Add<T>(T series)
        where T : Series
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return series;
    }

    /// <summary>Adds a line through (x, y) points.</summary>
    public LineSeries AddLine(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? label = null) =>
        Add(new LineSeries(xs, ys) { Label = label });

    /// <summary>Adds a step-after line, e.g. a sampled queue length.</summary>
    public LineSeries AddStep(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? label = null) =>
        Add(new LineSeries(xs, ys) { Label = label, Step = true });

    /// <summary>Adds markers at (x, y) points, optionally labelled.</summary>
    public ScatterSeries AddScatter(IReadOnlyList<double> xs, IReadOnlyList<double> ys, string? label = null, IReadOnlyList<string>? pointLabels = null) =>
        Add(new ScatterSeries(xs, ys, pointLabels) { Label = label });

    /// <summary>Adds the empirical CDF of raw samples with p50/p99 markers; sets the y axis to "fraction" 0..1 unless
    /// it already has a title.</summary>
    public CdfSeries AddCdf(IEnumerable<double> samples, string? label = null, string markerUnit = "")
    {
        if (YAxis.Label.Length == 0)
        {
            YAxis.Label = "Fraction of requests ≤ x";
            YAxis.Min ??= 0;
            YAxis.Max ??= 1;
        }

        var row = _series.Count(s => s is CdfSeries);
        return Add(new CdfSeries(samples) { Label = label, MarkerUnit = markerUnit, LabelRow = row });
    }

    /// <summary>Adds a dashed vertical line (red by default), e.g. the SLO threshold.</summary>
    public VerticalLine AddVerticalLine(double x, string? label = null) => Add(new VerticalLine(x) { Label = label });

    /// <summary>Adds a dashed horizontal line (red by default), e.g. the SLO on a p99-vs-rate chart.</summary>
    public HorizontalLine AddHorizontalLine(double y, string? label = null) => Add(new HorizontalLine(y) { Label = label });

    /// <summary>Adds a translucent vertical band, e.g. a fault window.</summary>
    public Band AddBand(double x0, double x1, string? label = null) => Add(new Band(x0, x1) { Label = label });

    /// <summary>Adds the Pareto frontier of (x lower-better, y higher-better) points as a dashed staircase line, and
    /// returns it; the frontier's point indices are in <see cref="ParetoFrontier.Indices"/>.</summary>
    public LineSeries AddParetoFrontier(IReadOnlyList<double> xsLowerBetter, IReadOnlyList<double> ysHigherBetter, string? label = "Pareto frontier")
    {
        var indices = ParetoFrontier.Indices(xsLowerBetter, ysHigherBetter);
        var xs = indices.Select(i => xsLowerBetter[i]).ToArray();
        var ys = indices.Select(i => ysHigherBetter[i]).ToArray();
        return Add(new LineSeries(xs, ys) { Label = label, Dashed = true, LineWidthPx = 1.5, Color = "#555555" });
    }

    /// <summary>Adds stacked bars (categories × segments).</summary>
    public StackedBarSeries AddStackedBars(IReadOnlyList<string> categories, IReadOnlyList<string> segments, IReadOnlyList<IReadOnlyList<double>> values, BarOrientation orientation = BarOrientation.Horizontal) =>
        Add(new StackedBarSeries(categories, segments, values, orientation));

    /// <summary>Adds a Gantt timeline; with a window, the x axis is fixed to it and spans are clipped.</summary>
    public GanttSeries AddGantt(IReadOnlyList<string> rows, IReadOnlyList<GanttSpan> spans, double? windowStart = null, double? windowEnd = null)
    {
        var gantt = Add(new GanttSeries(rows, spans) { WindowStart = windowStart, WindowEnd = windowEnd });
        XAxis.Min ??= windowStart;
        XAxis.Max ??= windowEnd;
        return gantt;
    }

    /// <summary>Renders the chart as a standalone SVG document (no XML declaration, so it can also be inlined in
    /// HTML).</summary>
    public string RenderSvg() => new PlotRenderer(this, _series).Render();
}
