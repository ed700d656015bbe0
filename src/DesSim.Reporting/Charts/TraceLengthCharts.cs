using DesSim.Core.Workload;
using ScottPlot;

namespace DesSim.Reporting.Charts;

/// <summary>The input- and output-length histograms of a request trace (<c>dessim trace stats --svg/--png</c>), as
/// one chart with two panels.</summary>
/// <remarks>Bars are the equal-width bins (tokens on x, requests per bin on y, from 0); the panels keep their own x
/// ranges because prompts and outputs differ by an order of magnitude.</remarks>
public static class TraceLengthCharts
{
    /// <summary>Both histograms, stacked, at slide size.</summary>
    /// <param name="traceName">Shown in the titles (e.g. the file name).</param>
    /// <param name="input">Bins of prompt lengths.</param>
    /// <param name="output">Bins of output lengths.</param>
    public static Chart Build(string traceName, IReadOnlyList<HistogramBin> input, IReadOnlyList<HistogramBin> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return new Chart([Panel($"Input lengths: {traceName}", "Prompt length", input, 0), Panel($"Output lengths: {traceName}", "Output length", output, 1)], ChartTheme.SlideWidthPx, ChartTheme.SlideHeightPx);
    }

    /// <summary>One histogram.</summary>
    public static Plot Panel(string title, string xLabel, IReadOnlyList<HistogramBin> bins, int colourIndex)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var plot = new Plot();
        ChartAxes.Label(plot, title, xLabel, "tokens", "Requests per bin", string.Empty);
        var bars = bins.Select(b => new Bar
        {
            Position = (b.LowerTokens + b.UpperTokens) / 2.0,
            Size = b.UpperTokens - b.LowerTokens,
            Value = b.Count,
            FillColor = ChartTheme.Colour(colourIndex),
            LineColor = Colors.White,
            LineWidth = 1,
        }).ToList();
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
            plot.Axes.SetLimits(bins[0].LowerTokens, bins[^1].UpperTokens, 0, Math.Max(1, bins.Max(b => b.Count)) * 1.08);
        }

        plot.HideLegend();
        return plot;
    }
}
