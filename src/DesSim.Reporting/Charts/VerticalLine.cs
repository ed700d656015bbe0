namespace DesSim.Reporting.Charts;

/// <summary>A dashed vertical line across the plot area at one x, e.g. an SLO threshold.</summary>
/// <remarks>Drawn above the data. Defaults to the SLO red; does not consume a palette colour.</remarks>
public sealed class VerticalLine : Series
{
    /// <summary>Stroke width in pixels.</summary>
    private const double WidthPx = 1.6;

    /// <summary>Creates the line.</summary>
    /// <param name="x">Position in the x axis's unit.</param>
    public VerticalLine(double x)
    {
        X = x;
    }

    /// <summary>Position in the x axis's unit.</summary>
    public double X { get; }

    internal override bool UsesPaletteSlot => false;

    internal override int Layer => 2;

    internal override void IncludeIn(DataBounds bounds) => bounds.IncludeX(X);

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var x = frame.X.Map(X);
        if (double.IsNaN(x))
        {
            return;
        }

        canvas.Line(x, 0, x, frame.HeightPx, Color ?? ChartStyle.SloColor, WidthPx, "stroke-dasharray=\"5 4\"");
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, Color ?? ChartStyle.SloColor, LegendSwatch.DashedLine));
        }
    }
}
