namespace DesSim.Reporting.Charts;

/// <summary>The laid-out plot area handed to series when they render.</summary>
/// <param name="X">The x axis layout (pixels from the plot area's left edge).</param>
/// <param name="Y">The y axis layout (pixels from the plot area's top edge).</param>
/// <param name="WidthPx">Plot area width.</param>
/// <param name="HeightPx">Plot area height.</param>
internal sealed record PlotFrame(AxisLayout X, AxisLayout Y, double WidthPx, double HeightPx);
