namespace DesSim.Reporting.Charts;

/// <summary>Something drawn in a <see cref="Plot"/>'s plot area: lines, markers, bars, spans, bands.</summary>
/// <remarks>Only this assembly defines series (the constructor is not public to others). A series with no
/// <see cref="Color"/> takes the next palette colour in the order series were added.</remarks>
public abstract class Series
{
    private protected Series()
    {
    }

    /// <summary>Legend label; null or empty keeps the series out of the legend.</summary>
    public string? Label { get; set; }

    /// <summary>CSS colour; null for the next palette colour.</summary>
    public string? Color { get; set; }

    /// <summary>The colour actually used, set by the plot before rendering.</summary>
    internal string ResolvedColor { get; set; } = Palette.Get(0);

    /// <summary>Whether this series consumes a palette slot when <see cref="Color"/> is null.</summary>
    internal virtual bool UsesPaletteSlot => true;

    /// <summary>Drawing layer: 0 background (bands), 1 data, 2 overlays (threshold lines).</summary>
    internal virtual int Layer => 1;

    /// <summary>Categories this series imposes on the x axis, or null.</summary>
    internal virtual IReadOnlyList<string>? XCategories => null;

    /// <summary>Categories this series imposes on the y axis, or null.</summary>
    internal virtual IReadOnlyList<string>? YCategories => null;

    internal abstract void IncludeIn(DataBounds bounds);

    internal abstract void Render(SvgCanvas canvas, PlotFrame frame);

    internal virtual void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, ResolvedColor, LegendSwatch.Line));
        }
    }
}
