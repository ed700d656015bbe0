namespace DesSim.Reporting.Charts;

/// <summary>An axis resolved against the data and the pixel length: limits, ticks and the value→pixel map.</summary>
/// <remarks>Pixels are relative to the plot area's origin (top-left). Y grows downward in SVG, so value axes on y
/// are flipped; categorical y axes list the first category on top.</remarks>
internal sealed class AxisLayout
{
    private readonly bool _flip;

    private AxisLayout(AxisScale scale, double min, double max, double lengthPx, bool flip, IReadOnlyList<Tick> ticks, IReadOnlyList<string>? categories)
    {
        Scale = scale;
        Min = min;
        Max = max;
        LengthPx = lengthPx;
        _flip = flip;
        Ticks = ticks;
        Categories = categories;
    }

    public AxisScale Scale { get; }

    public double Min { get; }

    public double Max { get; }

    public double LengthPx { get; }

    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>Category names when the axis is categorical (category i spans [i, i+1]), else null.</summary>
    public IReadOnlyList<string>? Categories { get; }

    /// <summary>Pixel position of a value, or NaN when it cannot be placed (non-finite, or ≤ 0 on a log axis).</summary>
    public double Map(double value)
    {
        double t;
        if (Scale == AxisScale.Log && Categories is null)
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                return double.NaN;
            }

            t = (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min));
        }
        else
        {
            if (!double.IsFinite(value))
            {
                return double.NaN;
            }

            t = (value - Min) / (Max - Min);
        }

        return (_flip ? 1 - t : t) * LengthPx;
    }

    /// <summary>Like <see cref="Map"/> but clamps to a little beyond the axis, so far-off points draw as edge lines.</summary>
    public double MapClamped(double value)
    {
        var px = Map(value);
        return double.IsNaN(px) ? px : Math.Clamp(px, -LengthPx, 2 * LengthPx);
    }

    /// <summary>Lays out a categorical axis; labels are thinned when rows are too dense to read.</summary>
    public static AxisLayout Categorical(IReadOnlyList<string> categories, double lengthPx)
    {
        var count = Math.Max(1, categories.Count);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(ChartStyle.CategoryLabelMinPx * count / Math.Max(1, lengthPx)));
        var ticks = new List<Tick>(categories.Count);
        for (var i = 0; i < categories.Count; i++)
        {
            ticks.Add(new Tick(i + 0.5, i % labelEvery == 0 ? categories[i] : string.Empty, true));
        }

        // Why: no flip on either axis: x lists categories left to right, y top to bottom (first GPU on top).
        return new AxisLayout(AxisScale.Linear, 0, count, lengthPx, flip: false, ticks, categories);
    }

    /// <summary>Lays out a value axis from the axis settings and the data extent.</summary>
    /// <param name="axis">User settings.</param>
    /// <param name="dataMin">Smallest data value (positive smallest for log), +∞ if none.</param>
    /// <param name="dataMax">Largest data value, −∞ if none.</param>
    /// <param name="lengthPx">Axis length in pixels.</param>
    /// <param name="isVertical">True for the y axis (flipped so larger values are higher).</param>
    /// <param name="tickSpacingPx">Target pixel spacing between ticks.</param>
    public static AxisLayout Values(Axis axis, double dataMin, double dataMax, double lengthPx, bool isVertical, double tickSpacingPx)
    {
        var targetTicks = Math.Max(2, (int)(lengthPx / tickSpacingPx));
        return axis.Scale == AxisScale.Log
            ? LogValues(axis, dataMin, dataMax, lengthPx, isVertical, targetTicks)
            : LinearValues(axis, dataMin, dataMax, lengthPx, isVertical, targetTicks);
    }

    private static AxisLayout LinearValues(Axis axis, double dataMin, double dataMax, double lengthPx, bool isVertical, int targetTicks)
    {
        var lo = axis.Min ?? (double.IsFinite(dataMin) ? dataMin : 0);
        var hi = axis.Max ?? (double.IsFinite(dataMax) ? dataMax : 1);
        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }

        if (hi == lo)
        {
            // Why: a flat series still needs a visible axis; widen symmetrically (or upward from zero).
            var pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
            lo = axis.Min ?? (lo == 0 ? 0 : lo - pad);
            hi = axis.Max ?? hi + pad;
        }

        var step = NiceTicks.Step(hi - lo, targetTicks);
        var (niceLo, niceHi) = NiceTicks.Expand(lo, hi, step);
        lo = axis.Min ?? niceLo;
        hi = axis.Max ?? niceHi;
        return new AxisLayout(AxisScale.Linear, lo, hi, lengthPx, isVertical, NiceTicks.Linear(lo, hi, step), null);
    }

    private static AxisLayout LogValues(Axis axis, double dataMinPositive, double dataMax, double lengthPx, bool isVertical, int targetTicks)
    {
        var lo = axis.Min is > 0 ? axis.Min.Value : double.IsFinite(dataMinPositive) ? dataMinPositive : 1;
        var hi = axis.Max is > 0 ? axis.Max.Value : dataMax > 0 && double.IsFinite(dataMax) ? dataMax : lo * 10;
        if (hi < lo)
        {
            (lo, hi) = (hi, lo);
        }

        if (axis.Min is not > 0)
        {
            lo = SnapDown125(lo);
        }

        if (axis.Max is not > 0)
        {
            hi = SnapUp125(hi);
        }

        if (hi <= lo)
        {
            hi = lo * 10;
        }

        return new AxisLayout(AxisScale.Log, lo, hi, lengthPx, isVertical, NiceTicks.Log(lo, hi, targetTicks), null);
    }

    /// <summary>Largest 1, 2 or 5 × 10^k not above <paramref name="value"/> (keeps log axes tight to the data).</summary>
    private static double SnapDown125(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value) + 1e-9));
        var m = value / decade;
        return decade * (m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1);
    }

    /// <summary>Smallest 1, 2 or 5 × 10^k not below <paramref name="value"/>.</summary>
    private static double SnapUp125(double value)
    {
        var decade = Math.Pow(10, Math.Floor(Math.Log10(value) + 1e-9));
        var m = value / decade;
        return decade * (m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10);
    }
}
