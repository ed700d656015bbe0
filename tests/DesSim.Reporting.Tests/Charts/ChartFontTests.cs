using DesSim.Reporting.Charts;
using ScottPlot;
using SkiaSharp;

namespace DesSim.Reporting.Tests.Charts;

/// <summary>The subset face (Charts/Fonts/DejaVuSans-Charts.ttf) must draw exactly what the full face draws for the
/// characters it has, and charts must fall back to the full face for any other text.</summary>
public sealed class ChartFontTests
{
    private static readonly float[] ThemeSizesPx = [ChartTheme.TickFontPx, ChartTheme.LegendFontPx, ChartTheme.AxisLabelFontPx, ChartTheme.TitleFontPx];

    /// <summary>Every character the subset has below U+2300 (its last range ends at U+2265).</summary>
    private static string Covered()
    {
        EmbeddedFonts.Register();
        return new string(Enumerable.Range(0, 0x2300).Select(c => (char)c).Where(c => EmbeddedFonts.CoversAll(c.ToString())).ToArray());
    }

    [Test]
    public void The_subset_has_the_chart_characters_and_not_the_rest_of_DejaVu()
    {
        var covered = Covered();
        Assert.Multiple(() =>
        {
            Assert.That(covered, Has.Length.InRange(200, 400));
            Assert.That(EmbeddedFonts.CoversAll("Fraction of requests ≤ x, TP4×PP2, 1,234.5 µs – 12% → p99"), Is.True);
            Assert.That(EmbeddedFonts.CoversAll("Кириллица"), Is.False);
            Assert.That(EmbeddedFonts.CoversAll("two\nlines"), Is.False, "a line break is not a glyph");
            Assert.That(EmbeddedFonts.Regular.GlyphCount, Is.GreaterThan(10 * EmbeddedFonts.Subset.GlyphCount));
        });
    }

    [Test]
    public void The_subset_has_the_full_faces_name_metrics_and_advances()
    {
        var covered = Covered();
        Assert.That(EmbeddedFonts.Subset.FamilyName, Is.EqualTo(EmbeddedFonts.Regular.FamilyName));
        Assert.That(EmbeddedFonts.Subset.FontStyle.Weight, Is.EqualTo(EmbeddedFonts.Regular.FontStyle.Weight));
        foreach (var size in ThemeSizesPx)
        {
            using var full = new SKFont(EmbeddedFonts.Regular, size);
            using var subset = new SKFont(EmbeddedFonts.Subset, size);
            var widthsFull = new float[covered.Length];
            var widthsSubset = new float[covered.Length];
            var boundsFull = new SKRect[covered.Length];
            var boundsSubset = new SKRect[covered.Length];
            full.GetGlyphWidths(full.GetGlyphs(covered), widthsFull, boundsFull);
            subset.GetGlyphWidths(subset.GetGlyphs(covered), widthsSubset, boundsSubset);
            Assert.Multiple(() =>
            {
                Assert.That(subset.Metrics, Is.EqualTo(full.Metrics), $"{size} px");
                Assert.That(subset.Spacing, Is.EqualTo(full.Spacing), $"{size} px");
                Assert.That(widthsSubset, Is.EqualTo(widthsFull), $"{size} px");
                Assert.That(boundsSubset, Is.EqualTo(boundsFull), $"{size} px");
            });
        }
    }

    [Test]
    public void Text_drawn_with_the_subset_gives_the_same_svg_and_png_bytes()
    {
        var lines = Covered().Where(c => !char.IsControl(c)).Chunk(40).Select(chunk => new string(chunk)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(Svg(EmbeddedFonts.Subset, lines), Is.EqualTo(Svg(EmbeddedFonts.Regular, lines)));
            Assert.That(Png(EmbeddedFonts.Subset, lines), Is.EqualTo(Png(EmbeddedFonts.Regular, lines)));
        });
    }

    [Test]
    public void A_chart_keeps_the_full_face_for_text_the_subset_lacks()
    {
        var plot = new Plot();
        plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        ChartAxes.Label(plot, "Задержка", "Latency", "ms", "Fraction ≤ x", string.Empty);
        var chart = new Chart(plot);
        Assert.Multiple(() =>
        {
            Assert.That(plot.Axes.Title.Label.Font, Is.SameAs(EmbeddedFonts.Regular));
            Assert.That(plot.Axes.Bottom.Label.Font, Is.SameAs(EmbeddedFonts.Subset));
            Assert.That(plot.Axes.Left.Label.Font, Is.SameAs(EmbeddedFonts.Subset));
            Assert.That(plot.Axes.Bottom.TickLabelStyle.Font, Is.SameAs(EmbeddedFonts.Subset));
            Assert.That(chart.RenderSvg(), Does.Contain("Задержка"));
        });
    }

    [Test]
    public void An_automatic_axis_whose_labels_the_subset_lacks_goes_back_to_the_full_face()
    {
        var plot = new Plot();
        plot.Add.ScatterLine(new double[] { 0, 10 }, new double[] { 0, 10 });
        plot.Axes.SetLimits(0, 10, 0, 10);
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => $"{v:0}ж" };
        plot.Axes.Bottom.TickGenerator = ticks;
        var chart = new Chart(plot);
        Assert.That(plot.Axes.Bottom.TickLabelStyle.Font, Is.SameAs(EmbeddedFonts.Subset), "before the ticks exist");
        var svg = chart.RenderSvg();
        Assert.Multiple(() =>
        {
            Assert.That(plot.Axes.Bottom.TickLabelStyle.Font, Is.SameAs(EmbeddedFonts.Regular));
            Assert.That(plot.Axes.Left.TickLabelStyle.Font, Is.SameAs(EmbeddedFonts.Subset));
            Assert.That(svg, Does.Contain("5ж"));
        });

        var reference = new Plot();
        reference.Add.ScatterLine(new double[] { 0, 10 }, new double[] { 0, 10 });
        reference.Axes.SetLimits(0, 10, 0, 10);
        reference.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => $"{v:0}ж" };
        var referenceChart = new Chart(reference);
        reference.Axes.Bottom.TickLabelStyle.Font = EmbeddedFonts.Regular;
        Assert.That(svg, Is.EqualTo(referenceChart.RenderSvg()), "same picture as the full face from the start");
    }

    private static string Svg(SKTypeface typeface, string[] lines)
    {
        using var stream = new SKDynamicMemoryWStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(ChartTheme.SlideWidthPx, ChartTheme.SlideHeightPx), stream))
        {
            Draw(canvas, typeface, lines);
        }

        using var data = stream.DetachAsData();
        return System.Text.Encoding.UTF8.GetString(data.AsSpan());
    }

    private static byte[] Png(SKTypeface typeface, string[] lines)
    {
        using var surface = SKSurface.Create(new SKImageInfo(ChartTheme.SlideWidthPx, ChartTheme.SlideHeightPx));
        surface.Canvas.Clear(SKColors.White);
        Draw(surface.Canvas, typeface, lines);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Draw(SKCanvas canvas, SKTypeface typeface, string[] lines)
    {
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        float y = 0;
        foreach (var size in ThemeSizesPx)
        {
            // Why subpixel on: ScottPlot's labels draw with SubpixelText (LabelStyle's default).
            using var font = new SKFont(typeface, size) { Subpixel = true };
            foreach (var line in lines)
            {
                y += size * 1.2f;
                canvas.DrawText(line, 10.25f, y % ChartTheme.SlideHeightPx, SKTextAlign.Left, font, paint);
            }
        }
    }
}
