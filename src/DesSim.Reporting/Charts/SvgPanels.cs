using System.Globalization;

namespace DesSim.Reporting.Charts;

/// <summary>Stacks rendered charts vertically into one SVG (each chart becomes a nested &lt;svg&gt; panel).</summary>
/// <remarks>Input must be SVG from <see cref="Plot.RenderSvg"/> (root element first, width/height in px). The result is
/// as wide as the widest panel and as tall as all of them; deterministic.</remarks>
public static class SvgPanels
{
    /// <summary>One SVG with <paramref name="panels"/> one under the other.</summary>
    /// <param name="title">Accessible title of the whole figure.</param>
    /// <param name="panels">Rendered plots, with their pixel sizes.</param>
    public static string Vertical(string title, IReadOnlyList<(string Svg, double WidthPx, double HeightPx)> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var width = panels.Count == 0 ? 0 : panels.Max(p => p.WidthPx);
        var height = panels.Sum(p => p.HeightPx);
        var w = N(width);
        var h = N(height);
        var sb = new System.Text.StringBuilder();
        sb.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\">\n");
        sb.Append("<title>").Append(System.Net.WebUtility.HtmlEncode(title)).Append("</title>\n");
        double y = 0;
        foreach (var (svg, _, panelHeight) in panels)
        {
            if (!svg.StartsWith("<svg ", StringComparison.Ordinal))
            {
                throw new ArgumentException("each panel must be an SVG document starting with <svg", nameof(panels));
            }

            sb.Append("<svg x=\"0\" y=\"").Append(N(y)).Append("\" ").Append(svg.AsSpan(5)).Append('\n');
            y += panelHeight;
        }

        return sb.Append("</svg>\n").ToString();
    }

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
