using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace DesSim.Reporting.Charts;

/// <summary>Draws a <see cref="Chart"/>'s panels onto a Skia SVG canvas or a raster surface.</summary>
/// <remarks>ScottPlot's own <c>GetSvgXml</c> and <c>GetImageBytes</c> draw one plot; this draws stacked panels and
/// post-processes the SVG (viewBox, a font fallback list) the same way for every chart.</remarks>
internal static partial class ChartRenderer
{
    /// <summary>PNG quality argument (ignored by the lossless PNG encoder, required by the API).</summary>
    private const int PngQuality = 100;

    /// <summary>Prefix of clip-path ids in the SVG (<see cref="Html.HtmlReport.AddChart"/> makes them unique per page).</summary>
    public const string ClipPrefix = "clip";

    /// <summary>Renders SVG text.</summary>
    public static string Svg(Chart chart)
    {
        using var stream = new MemoryStream();
        using (var wstream = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(chart.WidthPx, chart.HeightPx), wstream))
        {
            Draw(chart, canvas);
        }

        var svg = Encoding.UTF8.GetString(stream.ToArray());
        var size = string.Create(CultureInfo.InvariantCulture, $"width=\"{chart.WidthPx}\" height=\"{chart.HeightPx}\"");
        var at = svg.IndexOf(size, StringComparison.Ordinal);
        if (at >= 0)
        {
            svg = svg.Insert(at + size.Length, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {chart.WidthPx} {chart.HeightPx}\""));
        }

        if (!svg.Contains("xlink:", StringComparison.Ordinal))
        {
            svg = svg.Replace(" xmlns:xlink=\"http://www.w3.org/1999/xlink\"", string.Empty, StringComparison.Ordinal);
        }

        return RenumberClips(svg).Replace($"font-family=\"{EmbeddedFonts.FamilyName}\"", $"font-family=\"{ChartTheme.SvgFontFallback}\"", StringComparison.Ordinal);
    }

    /// <summary>Renders PNG bytes.</summary>
    public static byte[] Png(Chart chart)
    {
        var info = new SKImageInfo(chart.WidthPx, chart.HeightPx, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"cannot allocate a {chart.WidthPx}×{chart.HeightPx} raster surface");
        Draw(chart, surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, PngQuality);
        return data.ToArray();
    }

    /// <summary>Skia numbers clip paths with a process-wide hexadecimal counter (cl_9, cl_a, cl_85a, …); renumber them clip0, clip1, … in order
    /// of appearance so the same chart gives the same text whatever was rendered before.</summary>
    private static string RenumberClips(string svg)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{ClipPrefix}{ids.Count}");
                ids[m.Value] = id;
            }

            return id;
        });
    }

    [GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial Regex ClipId();

    private static void Draw(Chart chart, SKCanvas canvas)
    {
        // Why a layout pass on a canvas that draws nothing: the first Render of a ScottPlot 5.1.59 plot runs its render
        // actions twice (RenderManager.RenderCount is 2 after it), and on an SVG canvas both passes were written, the
        // second exactly over the first: twice the markup and twice Skia's SVG writing for the same picture (ScottPlot
        // issue #4436). After this pass the real canvas gets one pass, identical to the second one it used to get.
        using (var layout = new SKNoDrawCanvas(chart.WidthPx, chart.HeightPx))
        {
            DrawPanels(chart, layout);
        }

        DrawPanels(chart, canvas);
    }

    private static void DrawPanels(Chart chart, SKCanvas canvas)
    {
        var panelHeight = chart.HeightPx / chart.Panels.Count;
        for (var i = 0; i < chart.Panels.Count; i++)
        {
            var top = i * panelHeight;
            var bottom = i == chart.Panels.Count - 1 ? chart.HeightPx : top + panelHeight;
            chart.Panels[i].Render(canvas, new ScottPlot.PixelRect(0, chart.WidthPx, bottom, top));
        }
    }
}
