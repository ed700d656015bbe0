using System.Buffers;
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
        // Why Skia's own memory stream: a managed stream is called back for each of Skia's many small writes (each copied
        // through a rented array) and grows a managed buffer by doubling; this one stays in native memory until the end.
        using var stream = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(chart.WidthPx, chart.HeightPx), stream))
        {
            Draw(chart, canvas);
        }

        using var data = stream.DetachAsData();
        var bytes = data.AsSpan();
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(bytes.Length));
        try
        {
            var svg = chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, chars));
            return Finish(svg, chart).Apply(svg);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
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

    /// <summary>What Skia's SVG needs before it leaves: a viewBox (so it scales to its container), no unused xlink
    /// namespace, clip ids that do not depend on what the process drew before, and a font fallback list.</summary>
    private static TextEdits Finish(ReadOnlySpan<char> svg, Chart chart)
    {
        var edits = new TextEdits();
        var size = string.Create(CultureInfo.InvariantCulture, $"width=\"{chart.WidthPx}\" height=\"{chart.HeightPx}\"");
        var at = svg.IndexOf(size, StringComparison.Ordinal);
        if (at >= 0)
        {
            edits.Insert(at + size.Length, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {chart.WidthPx} {chart.HeightPx}\""));
        }

        if (!svg.Contains("xlink:", StringComparison.Ordinal))
        {
            edits.ReplaceAll(svg, " xmlns:xlink=\"http://www.w3.org/1999/xlink\"", string.Empty);
        }

        RenumberClips(svg, edits);
        edits.ReplaceAll(svg, $"font-family=\"{EmbeddedFonts.FamilyName}\"", $"font-family=\"{ChartTheme.SvgFontFallback}\"");
        return edits;
    }

    /// <summary>Skia numbers clip paths with a process-wide hexadecimal counter (cl_9, cl_a, cl_85a, …); renumber them clip0, clip1, … in order
    /// of appearance so the same chart gives the same text whatever was rendered before.</summary>
    private static void RenumberClips(ReadOnlySpan<char> svg, TextEdits edits)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in ClipId().EnumerateMatches(svg))
        {
            var skia = svg.Slice(m.Index, m.Length).ToString();
            if (!ids.TryGetValue(skia, out var id))
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{ClipPrefix}{ids.Count}");
                ids[skia] = id;
            }

            edits.Replace(m.Index, m.Length, id);
        }
    }

    [GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial Regex ClipId();

    private static void Draw(Chart chart, SKCanvas canvas)
    {
        var panelHeight = chart.HeightPx / chart.Panels.Count;
        for (var i = 0; i < chart.Panels.Count; i++)
        {
            var top = i * panelHeight;
            var bottom = i == chart.Panels.Count - 1 ? chart.HeightPx : top + panelHeight;
            RenderOnePass(chart.Panels[i], canvas, new ScottPlot.PixelRect(0, chart.WidthPx, bottom, top));
        }
    }

    /// <summary>Renders <paramref name="plot"/> with one pass of its render actions.</summary>
    /// <remarks>Why: ScottPlot 5.1.59's <c>RenderManager.Render</c> repeats its pass (up to 5 times) while the axis limits
    /// differ from the previous render's, so a plot's first render always runs twice: the first pass has no previous
    /// render to compare with. On an SVG canvas both passes were written, one over the other (ScottPlot issue #4436);
    /// a layout pass on a canvas that draws nothing before the real one avoided that, at three passes per chart. The
    /// second pass draws what the first drew: each pass lays the plot out from scratch (the automatic layout regenerates
    /// the ticks for the figure and measures them; the tick generators keep no state between passes) and the limits are
    /// set by the chart builders. So rendering stops after the first pass: <c>RenderFinished</c>, raised at the end of
    /// each pass, switches rendering off for the passes that follow, and it is switched back on after. A plot already
    /// rendered renders once anyway (same limits as its previous render). <c>ChartRenderTests</c> checks, for every kind
    /// of chart, that the first render and a later one give the same bytes.</remarks>
    private static void RenderOnePass(ScottPlot.Plot plot, SKCanvas canvas, ScottPlot.PixelRect rect)
    {
        var manager = plot.RenderManager;
        if (manager.RenderCount > 0)
        {
            plot.Render(canvas, rect);
            return;
        }

        var finished = manager.RenderFinished;
        manager.RenderFinished = finished + ((_, _) => manager.EnableRendering = false);
        try
        {
            plot.Render(canvas, rect);
        }
        finally
        {
            manager.RenderFinished = finished;
            manager.EnableRendering = true;
        }
    }
}
