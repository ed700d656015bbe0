using ScottPlot;

namespace DesSim.Reporting.Charts;

/// <summary>One finished chart: one ScottPlot plot (or several panels stacked top to bottom) and its image size.</summary>
/// <remarks>Rendering is deterministic: the same chart gives the same SVG text and PNG bytes on every machine
/// (embedded font, no timestamps). The plots stay reachable so tests can read back what was drawn.</remarks>
public sealed class Chart
{
    /// <summary>A single-plot chart, styled with <see cref="ChartTheme.Apply"/>.</summary>
    public Chart(Plot plot, int widthPx = ChartTheme.SlideWidthPx, int heightPx = ChartTheme.SlideHeightPx)
        : this([plot], widthPx, heightPx)
    {
    }

    /// <summary>Panels of equal height stacked top to bottom, each styled with <see cref="ChartTheme.Apply"/>.</summary>
    public Chart(IReadOnlyList<Plot> panels, int widthPx, int heightPx)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException("a chart needs at least one plot", nameof(panels));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(widthPx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(heightPx, panels.Count);
        foreach (var panel in panels)
        {
            ChartTheme.Apply(panel);
        }

        Panels = panels;
        WidthPx = widthPx;
        HeightPx = heightPx;
    }

    /// <summary>The plots, top to bottom.</summary>
    public IReadOnlyList<Plot> Panels { get; }

    /// <summary>The (first) plot.</summary>
    public Plot Plot => Panels[0];

    /// <summary>Image width in pixels.</summary>
    public int WidthPx { get; }

    /// <summary>Image height in pixels.</summary>
    public int HeightPx { get; }

    /// <summary>The chart as an SVG document (with a viewBox, so it scales to its container).</summary>
    public string RenderSvg() => ChartRenderer.Svg(this);

    /// <summary>The chart as PNG bytes, <see cref="WidthPx"/> × <see cref="HeightPx"/>.</summary>
    public byte[] RenderPng() => ChartRenderer.Png(this);
}
