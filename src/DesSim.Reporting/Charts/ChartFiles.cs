using DesSim.Core;

namespace DesSim.Reporting.Charts;

/// <summary>Encodes a chart as the image type its file name asks for: SVG (UTF-8 text) or PNG.</summary>
public static class ChartFiles
{
    /// <summary>The bytes of <paramref name="chart"/> as <paramref name="path"/>'s extension (.svg or .png) asks.</summary>
    /// <exception cref="InputException">The extension is neither .svg nor .png.</exception>
    public static byte[] Encode(string path, Chart chart)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(chart);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".svg" => System.Text.Encoding.UTF8.GetBytes(chart.RenderSvg()),
            ".png" => chart.RenderPng(),
            _ => throw new InputException(path, null, "unknown image type", "name the file .svg or .png"),
        };
    }
}
