using DesSim.Core.Statistics;

namespace DesSim.Reporting.Charts;

/// <summary>The empirical CDF of raw samples (e.g. TTFT in ms), as a step line with optional p50/p99 markers.</summary>
/// <remarks>Y is the fraction of samples ≤ x, from 0 to 1. Non-finite samples are dropped. Above
/// <see cref="MaxPoints"/> samples the curve is drawn through evenly spaced quantiles, so a million-request run
/// still gives a small SVG; the markers always use the exact quantiles (linear interpolation, NumPy's default).</remarks>
public sealed class CdfSeries : Series
{
    /// <summary>Most points drawn for the curve: well beyond what a 700 px wide chart resolves.</summary>
    public const int MaxPoints = 1000;

    /// <summary>Marker radius for the percentile dots.</summary>
    private const double MarkerRadiusPx = 4;

    private readonly double[] _sorted;

    /// <summary>Creates the CDF of <paramref name="samples"/>.</summary>
    /// <param name="samples">Raw values in the x axis's unit.</param>
    public CdfSeries(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _sorted = samples.Where(double.IsFinite).ToArray();
        Array.Sort(_sorted);
        P50 = Quantile.Linear(_sorted, 0.50);
        P99 = Quantile.Linear(_sorted, 0.99);
    }

    /// <summary>Number of finite samples.</summary>
    public int Count => _sorted.Length;

    /// <summary>Median of the samples (NaN when empty).</summary>
    public double P50 { get; }

    /// <summary>99th percentile of the samples (NaN when empty).</summary>
    public double P99 { get; }

    /// <summary>Draw and label dots at p50 and p99.</summary>
    public bool ShowPercentileMarkers { get; set; } = true;

    /// <summary>Which CDF of the plot this is (0, 1, ...): its marker labels are moved down by one text row per index,
    /// so the labels of several CDFs do not overlap.</summary>
    internal int LabelRow { get; set; }

    /// <summary>Unit appended to the marker labels, e.g. "ms".</summary>
    public string MarkerUnit { get; set; } = string.Empty;

    internal override void IncludeIn(DataBounds bounds)
    {
        if (_sorted.Length == 0)
        {
            return;
        }

        bounds.IncludeX(_sorted[0]);

        // Why: the smallest positive sample bounds a log axis when some samples are zero.
        var firstPositive = Array.FindIndex(_sorted, x => x > 0);
        if (firstPositive >= 0)
        {
            bounds.IncludeX(_sorted[firstPositive]);
        }

        bounds.IncludeX(_sorted[^1]);
        bounds.IncludeY(0);
        bounds.IncludeY(1);
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        if (_sorted.Length == 0)
        {
            return;
        }

        var points = new List<(double X, double Y)> { (frame.X.MapClamped(_sorted[0]), frame.Y.Map(0)) };
        foreach (var (value, fraction) in CurvePoints())
        {
            var x = frame.X.MapClamped(value);
            points.Add((x, points[^1].Y));
            points.Add((x, frame.Y.Map(fraction)));
        }

        canvas.Path(points, ResolvedColor, 2, "class=\"cdf\"");
        if (ShowPercentileMarkers)
        {
            Marker(canvas, frame, P50, 0.50, "p50");
            Marker(canvas, frame, P99, 0.99, "p99");
        }
    }

    private IEnumerable<(double Value, double Fraction)> CurvePoints()
    {
        var n = _sorted.Length;
        if (n <= MaxPoints)
        {
            for (var i = 0; i < n; i++)
            {
                yield return (_sorted[i], (i + 1) / (double)n);
            }

            yield break;
        }

        for (var k = 1; k <= MaxPoints; k++)
        {
            var fraction = k / (double)MaxPoints;
            var index = Math.Clamp((int)Math.Ceiling(fraction * n) - 1, 0, n - 1);
            yield return (_sorted[index], fraction);
        }
    }

    private void Marker(SvgCanvas canvas, PlotFrame frame, double value, double fraction, string name)
    {
        var x = frame.X.Map(value);
        var y = frame.Y.Map(fraction);
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return;
        }

        canvas.Circle(x, y, MarkerRadiusPx, ResolvedColor, "stroke=\"#ffffff\" stroke-width=\"1\" class=\"percentile\"");
        var unit = MarkerUnit.Length == 0 ? string.Empty : " " + MarkerUnit;
        var text = $"{name} {NumberFormat.Significant(value)}{unit}";
        var leftward = x > frame.WidthPx * 0.6;
        var dy = 13 + (LabelRow * ChartStyle.LegendRowPx);
        canvas.Text(leftward ? x - 7 : x + 7, y + dy, text, ChartStyle.TickFontPx, leftward ? "end" : "start", $"fill=\"{ResolvedColor}\" {ChartStyle.LabelHalo}");
    }
}
