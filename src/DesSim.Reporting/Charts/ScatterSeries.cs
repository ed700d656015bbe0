namespace DesSim.Reporting.Charts;

/// <summary>Points drawn as markers, each optionally labelled (e.g. with its parallel layout).</summary>
/// <remarks>Non-finite points, and non-positive ones on a log axis, are skipped.</remarks>
public sealed class ScatterSeries : Series
{
    /// <summary>Gap between a marker and its label.</summary>
    private const double LabelOffsetPx = 6;

    /// <summary>Creates a scatter series.</summary>
    /// <param name="xs">X values in the x axis's unit.</param>
    /// <param name="ys">Y values in the y axis's unit; same count as <paramref name="xs"/>.</param>
    /// <param name="pointLabels">Optional text per point; same count when given.</param>
    public ScatterSeries(IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<string>? pointLabels = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        if (xs.Count != ys.Count || (pointLabels is not null && pointLabels.Count != xs.Count))
        {
            throw new ArgumentException("xs, ys and pointLabels must have the same count", nameof(ys));
        }

        Xs = xs;
        Ys = ys;
        PointLabels = pointLabels;
    }

    /// <summary>X values.</summary>
    public IReadOnlyList<double> Xs { get; }

    /// <summary>Y values.</summary>
    public IReadOnlyList<double> Ys { get; }

    /// <summary>Optional label per point.</summary>
    public IReadOnlyList<string>? PointLabels { get; }

    /// <summary>Marker radius in pixels.</summary>
    public double MarkerRadiusPx { get; set; } = 4.5;

    internal override void IncludeIn(DataBounds bounds)
    {
        for (var i = 0; i < Xs.Count; i++)
        {
            bounds.IncludeX(Xs[i]);
            bounds.IncludeY(Ys[i]);
        }

        MarkerPadding.Apply(bounds, Xs, Ys);
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        for (var i = 0; i < Xs.Count; i++)
        {
            var x = frame.X.Map(Xs[i]);
            var y = frame.Y.Map(Ys[i]);
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                continue;
            }

            canvas.Circle(x, y, MarkerRadiusPx, ResolvedColor, "fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"0.8\"");
            if (PointLabels is not null && PointLabels[i].Length > 0)
            {
                // Why: labels on the right half point left, so they stay inside the plot area.
                var rightHalf = x > frame.WidthPx * 0.6;
                var lx = rightHalf ? x - LabelOffsetPx : x + LabelOffsetPx;
                canvas.Text(lx, y - LabelOffsetPx / 2, PointLabels[i], ChartStyle.TickFontPx - 1, rightHalf ? "end" : "start", "fill=\"#444444\" " + ChartStyle.LabelHalo);
            }
        }
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, ResolvedColor, LegendSwatch.Marker));
        }
    }
}
