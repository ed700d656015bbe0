namespace DesSim.Reporting.Charts;

/// <summary>A line (or step line) through (x, y) points, with optional point markers.</summary>
/// <remarks>Points are drawn in the order given. Non-finite points, and non-positive ones on a log axis, break the
/// line. A step line holds each y until the next x (step-after), which is right for sampled time series. Lines with
/// far more points than pixel columns are thinned per column (first, min, max, last), so long runs stay small.</remarks>
public sealed class LineSeries : Series
{
    /// <summary>Marker radius when <see cref="ShowMarkers"/> is set.</summary>
    private const double MarkerRadiusPx = 3.2;

    /// <summary>Creates a line series.</summary>
    /// <param name="xs">X values in the x axis's unit.</param>
    /// <param name="ys">Y values in the y axis's unit; same count as <paramref name="xs"/>.</param>
    public LineSeries(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"xs has {xs.Count} values but ys has {ys.Count}", nameof(ys));
        }

        Xs = xs;
        Ys = ys;
    }

    /// <summary>X values.</summary>
    public IReadOnlyList<double> Xs { get; }

    /// <summary>Y values.</summary>
    public IReadOnlyList<double> Ys { get; }

    /// <summary>Draw as a step-after line.</summary>
    public bool Step { get; set; }

    /// <summary>Draw a marker at every point.</summary>
    public bool ShowMarkers { get; set; }

    /// <summary>Dashed stroke.</summary>
    public bool Dashed { get; set; }

    /// <summary>Stroke width in pixels.</summary>
    public double LineWidthPx { get; set; } = 2;

    internal override void IncludeIn(DataBounds bounds)
    {
        for (var i = 0; i < Xs.Count; i++)
        {
            bounds.IncludeX(Xs[i]);
            bounds.IncludeY(Ys[i]);
        }

        if (ShowMarkers)
        {
            MarkerPadding.Apply(bounds, Xs, Ys);
        }
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var points = new List<(double X, double Y)>(Step ? 2 * Xs.Count : Xs.Count);
        for (var i = 0; i < Xs.Count; i++)
        {
            var x = frame.X.MapClamped(Xs[i]);
            var y = frame.Y.MapClamped(Ys[i]);
            if (Step && i > 0 && points.Count > 0 && !double.IsNaN(x) && !double.IsNaN(points[^1].Y))
            {
                points.Add((x, points[^1].Y));
            }

            points.Add((x, y));
        }

        var dash = Dashed ? "stroke-dasharray=\"6 4\"" : null;
        canvas.Path(PathDecimator.Thin(points, frame.WidthPx), ResolvedColor, LineWidthPx, dash);
        if (!ShowMarkers)
        {
            return;
        }

        for (var i = 0; i < Xs.Count; i++)
        {
            var x = frame.X.Map(Xs[i]);
            var y = frame.Y.Map(Ys[i]);
            if (!double.IsNaN(x) && !double.IsNaN(y))
            {
                canvas.Circle(x, y, MarkerRadiusPx, ResolvedColor);
            }
        }
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, ResolvedColor, Dashed ? LegendSwatch.DashedLine : LegendSwatch.Line));
        }
    }
}
