namespace DesSim.Reporting.Charts;

/// <summary>A dashed horizontal line across the plot area at one y, e.g. an SLO threshold on a p99 chart.</summary>
/// <remarks>Drawn above the data. Defaults to the SLO red; does not consume a palette colour.</remarks>
public sealed class HorizontalLine : Series
{
    /// <summary>Stroke width in pixels.</summary>
    private const double WidthPx = 1.6;

    /// <summary>Creates the line.</summary>
    /// <param name="y">Position in the y axis's unit.</param>
    public HorizontalLine(double y)
    {
        Y = y;
    }

    /// <summary>Position in the y axis's unit.</summary>
    public double Y { get; }

    internal override bool UsesPaletteSlot => false;

    internal override int Layer => 2;

    internal override void IncludeIn(DataBounds bounds) => bounds.IncludeY(Y);

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var y = frame.Y.Map(Y);
        if (!double.IsNaN(y))
        {
            canvas.Line(0, y, frame.WidthPx, y, Color ?? ChartStyle.SloColor, WidthPx, "stroke-dasharray=\"5 4\"");
        }
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, Color ?? ChartStyle.SloColor, LegendSwatch.DashedLine));
        }
    }
}
