using DesSim.Core.Workload;

namespace DesSim.Reporting.Charts;

/// <summary>The input- and output-length histograms of a request trace (<c>dessim trace stats --svg</c>), as one SVG
/// with two panels.</summary>
/// <remarks>Each panel is a step outline of equal-width bins (tokens on x, requests per bin on y, from 0); the
/// panels keep their own x ranges because prompts and outputs differ by an order of magnitude.</remarks>
public static class TraceLengthCharts
{
    /// <summary>Renders both histograms.</summary>
    /// <param name="traceName">Shown in the titles (e.g. the file name).</param>
    /// <param name="input">Bins of prompt lengths.</param>
    /// <param name="output">Bins of output lengths.</param>
    public static string Render(string traceName, IReadOnlyList<HistogramBin> input, IReadOnlyList<HistogramBin> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var top = Panel($"Input lengths: {traceName}", "Prompt length", input, 0);
        var bottom = Panel($"Output lengths: {traceName}", "Output length", output, 1);
        return SvgPanels.Vertical($"Request lengths of {traceName}",
        [
            (top.RenderSvg(), top.WidthPx, top.HeightPx),
            (bottom.RenderSvg(), bottom.WidthPx, bottom.HeightPx),
        ]);
    }

    /// <summary>One histogram as a plot.</summary>
    public static Plot Panel(string title, string xLabel, IReadOnlyList<HistogramBin> bins, int colourIndex)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var plot = new Plot { Title = title, ShowLegend = false };
        plot.XAxis.Label = xLabel;
        plot.XAxis.Unit = "tokens";
        plot.YAxis.Label = "Requests per bin";
        plot.YAxis.Min = 0;
        if (bins.Count == 0)
        {
            return plot;
        }

        // Why: a step-after line through (lower, count) of each bin, closed down to 0 at both ends, draws the outline.
        var xs = new List<double> { bins[0].LowerTokens };
        var ys = new List<double> { 0 };
        foreach (var b in bins)
        {
            xs.Add(b.LowerTokens);
            ys.Add(b.Count);
        }

        xs.Add(bins[^1].UpperTokens);
        ys.Add(bins[^1].Count);
        xs.Add(bins[^1].UpperTokens);
        ys.Add(0);
        var line = plot.AddStep(xs, ys, "requests");
        line.Color = Palette.Get(colourIndex);
        return plot;
    }
}
