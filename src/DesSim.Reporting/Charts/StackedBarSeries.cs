namespace DesSim.Reporting.Charts;

/// <summary>Stacked bars: one bar per category (e.g. GPU), split into segments (compute, TP comm, PP comm, bubble,
/// idle).</summary>
/// <remarks>Values are in the value axis's unit (e.g. share of time, 0..1) and must be ≥ 0; each bar's length is
/// the sum of its segments. Segment colours default to the palette by segment index; the legend lists segments.
/// The category axis lists categories left to right (vertical bars) or top to bottom (horizontal bars).</remarks>
public sealed class StackedBarSeries : Series
{
    /// <summary>Creates the bars.</summary>
    /// <param name="categories">One name per bar.</param>
    /// <param name="segments">One name per segment.</param>
    /// <param name="values">values[category][segment], each ≥ 0.</param>
    /// <param name="orientation">Direction in which bars grow.</param>
    public StackedBarSeries(IReadOnlyList<string> categories, IReadOnlyList<string> segments, IReadOnlyList<IReadOnlyList<double>> values, BarOrientation orientation)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != categories.Count || values.Any(row => row.Count != segments.Count))
        {
            throw new ArgumentException("values must be categories × segments", nameof(values));
        }

        if (values.Any(row => row.Any(v => !(v >= 0) || !double.IsFinite(v))))
        {
            throw new ArgumentException("stacked bar values must be finite and ≥ 0", nameof(values));
        }

        Categories = categories;
        Segments = segments;
        Values = values;
        Orientation = orientation;
    }

    /// <summary>Bar names.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Segment names.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>values[category][segment].</summary>
    public IReadOnlyList<IReadOnlyList<double>> Values { get; }

    /// <summary>Direction in which bars grow.</summary>
    public BarOrientation Orientation { get; }

    /// <summary>Optional colour per segment (e.g. <see cref="Palette.TimeBreakdown"/>); palette order otherwise.</summary>
    public IReadOnlyList<string>? SegmentColors { get; set; }

    internal override bool UsesPaletteSlot => false;

    internal override IReadOnlyList<string>? XCategories => Orientation == BarOrientation.Vertical ? Categories : null;

    internal override IReadOnlyList<string>? YCategories => Orientation == BarOrientation.Horizontal ? Categories : null;

    internal override void IncludeIn(DataBounds bounds)
    {
        foreach (var row in Values)
        {
            var total = row.Sum();
            if (Orientation == BarOrientation.Vertical)
            {
                bounds.IncludeY(0);
                bounds.IncludeY(total);
            }
            else
            {
                bounds.IncludeX(0);
                bounds.IncludeX(total);
            }
        }
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var vertical = Orientation == BarOrientation.Vertical;
        var categoryAxis = vertical ? frame.X : frame.Y;
        var valueAxis = vertical ? frame.Y : frame.X;
        var bandPx = categoryAxis.LengthPx / Math.Max(1, Categories.Count);
        var thicknessPx = bandPx * ChartStyle.BarFill;
        for (var c = 0; c < Categories.Count; c++)
        {
            var offsetPx = categoryAxis.Map(c + 0.5) - (thicknessPx / 2);
            var cumulative = 0.0;
            for (var s = 0; s < Segments.Count; s++)
            {
                var from = valueAxis.MapClamped(cumulative);
                cumulative += Values[c][s];
                var to = valueAxis.MapClamped(cumulative);
                var extra = $"class=\"bar-seg\" data-category=\"{c}\" data-segment=\"{s}\"";
                if (vertical)
                {
                    canvas.Rect(offsetPx, Math.Min(from, to), thicknessPx, Math.Abs(from - to), SegmentColor(s), extra);
                }
                else
                {
                    canvas.Rect(Math.Min(from, to), offsetPx, Math.Abs(to - from), thicknessPx, SegmentColor(s), extra);
                }
            }
        }
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        for (var s = 0; s < Segments.Count; s++)
        {
            entries.Add(new LegendEntry(Segments[s], SegmentColor(s), LegendSwatch.Box));
        }
    }

    private string SegmentColor(int segment) =>
        SegmentColors is not null && segment < SegmentColors.Count ? SegmentColors[segment] : Palette.Get(segment);
}
