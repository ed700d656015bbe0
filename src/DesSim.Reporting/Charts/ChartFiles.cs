using DesSim.Core;
using DesSim.Reporting.Output;

namespace DesSim.Reporting.Charts;

/// <summary>Writes charts as image files: SVG or PNG, chosen by the file extension, atomically.</summary>
public static class ChartFiles
{
    /// <summary>Writes <paramref name="chart"/> to <paramref name="path"/> (.svg or .png).</summary>
    /// <exception cref="InputException">The extension is neither .svg nor .png.</exception>
    public static void Write(string path, Chart chart)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(chart);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".svg":
                AtomicFile.WriteAllText(path, chart.RenderSvg());
                break;
            case ".png":
                AtomicFile.WriteAllBytes(path, chart.RenderPng());
                break;
            default:
                throw new InputException(path, null, "unknown image type", "name the file .svg or .png");
        }
    }

    /// <summary>Writes each named chart as NAME.svg into <paramref name="svgDirectory"/> and as NAME.png into
    /// <paramref name="pngDirectory"/> (either may be null); each directory's files appear together or not at all.</summary>
    /// <returns>The file names written, per directory.</returns>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<(string Name, Chart Chart)> charts, string? svgDirectory, string? pngDirectory)
    {
        ArgumentNullException.ThrowIfNull(charts);
        var written = new List<string>();
        foreach (var (directory, png) in new[] { (svgDirectory, false), (pngDirectory, true) })
        {
            if (directory is null)
            {
                continue;
            }

            using var output = new AtomicDirectory(directory);
            foreach (var (name, chart) in charts)
            {
                if (png)
                {
                    output.WriteAllBytes(name + ".png", chart.RenderPng());
                }
                else
                {
                    output.WriteAllText(name + ".svg", chart.RenderSvg());
                }
            }

            output.Commit();
            written.Add($"{string.Join(", ", charts.Select(c => c.Name + (png ? ".png" : ".svg")))} to {directory}");
        }

        return written;
    }
}
