namespace DesSim.Reporting.Charts;

/// <summary>A vertical shaded band between two x values (e.g. a fault window), full plot height.</summary>
/// <remarks>Drawn behind the data, translucent. Does not consume a palette colour.</remarks>
public sealed class Band : Series
{
    /// <summary>Creates the band.</summary>
    /// <param name="x0">Start in the x axis's unit.</param>
    /// <param name="x1">End in the x axis's unit.</param>
    public Band(double x0, double x1)
    {
        X0 = Math.Min(x0, x1);
        X1 = Math.Max(x0, x1);
    }

    /// <summary>Start, in the x axis's unit.</summary>
    public double X0 { get; }

    /// <summary>End, in the x axis's unit.</summary>
    public double X1 { get; }

    internal override bool UsesPaletteSlot => false;

    internal override int Layer => 0;

    internal override void IncludeIn(DataBounds bounds)
    {
        bounds.IncludeX(X0);
        bounds.IncludeX(X1);
    }

    internal override void Render(SvgCanvas canvas, PlotFrame frame)
    {
        var a = frame.X.MapClamped(X0);
        var b = frame.X.MapClamped(X1);
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return;
        }

        var opacity = SvgCanvas.N(ChartStyle.BandOpacity);
        canvas.Rect(a, 0, b - a, frame.HeightPx, Color ?? ChartStyle.BandColor, $"fill-opacity=\"{opacity}\" class=\"band\"");
    }

    internal override void AddLegendEntries(List<LegendEntry> entries)
    {
        if (!string.IsNullOrEmpty(Label))
        {
            entries.Add(new LegendEntry(Label, Color ?? ChartStyle.BandColor, LegendSwatch.Box, 2 * ChartStyle.BandOpacity));
        }
    }
}
