using ScottPlot;

namespace DesSim.Reporting.Charts;

/// <summary>The one house style of every DesSim chart: size, font, type sizes, line weights and colours.</summary>
/// <remarks>Sizes are pixels of the rendered image. Charts are drawn at slide size (16:9, 1600 × 900) so a PNG drops
/// into a slide or design doc unscaled; <c>report.html</c> shows the same SVG scaled to the page width. Every chart
/// builder ends with <see cref="Apply"/>, so a new chart (e.g. power over time) gets the style by calling it.</remarks>
public static class ChartTheme
{
    /// <summary>Slide width (16:9 at 1600 px: sharp on a 1080p projector, small enough for a doc).</summary>
    public const int SlideWidthPx = 1600;

    /// <summary>Slide height.</summary>
    public const int SlideHeightPx = 900;

    /// <summary>Font family of all chart text: DejaVu Sans, embedded in this assembly (Charts/Fonts/LICENSE.md).</summary>
    public const string FontName = EmbeddedFonts.FamilyName;

    /// <summary>What an SVG viewer falls back to when it lacks DejaVu Sans (SVG text names a family; PNGs carry glyphs).</summary>
    public const string SvgFontFallback = "DejaVu Sans, Verdana, Geneva, sans-serif";

    /// <summary>Title size: reads from the back of a meeting room at slide size.</summary>
    public const float TitleFontPx = 34;

    /// <summary>Axis title size.</summary>
    public const float AxisLabelFontPx = 26;

    /// <summary>Tick label size.</summary>
    public const float TickFontPx = 21;

    /// <summary>Legend and annotation text size.</summary>
    public const float LegendFontPx = 21;

    /// <summary>Data line width.</summary>
    public const float LineWidthPx = 3;

    /// <summary>Marker size of scatter points and percentile dots.</summary>
    public const float MarkerPx = 14;

    /// <summary>Height per bar or lane row in bar and timeline charts; tall charts grow past <see cref="SlideHeightPx"/>.</summary>
    public const int RowPx = 34;

    /// <summary>Room for title, axes and margins above and below the rows of a bar or timeline chart.</summary>
    public const int RowChromePx = 220;

    /// <summary>Fraction of a category band filled by its bar.</summary>
    public const double BarFill = 0.7;

    /// <summary>Opacity of shaded windows (faults).</summary>
    public const byte BandAlpha = 40;

    /// <summary>Tableau 10: distinguishable, print-friendly, colour-blind tolerable (Tableau's published hex values).</summary>
    public static IReadOnlyList<Color> Palette { get; } =
    [
        Color.FromHex("#4e79a7"), Color.FromHex("#f28e2b"), Color.FromHex("#e15759"), Color.FromHex("#76b7b2"), Color.FromHex("#59a14f"),
        Color.FromHex("#edc948"), Color.FromHex("#b07aa1"), Color.FromHex("#ff9da7"), Color.FromHex("#9c755f"), Color.FromHex("#bab0ac"),
    ];

    /// <summary>Time-breakdown colours in the order compute (blue), TP comm (orange), PP comm (purple), other comm (teal),
    /// bubble (red), idle (light grey), matching <see cref="RunCharts.TimeBreakdownSegments"/>.</summary>
    public static IReadOnlyList<Color> TimeBreakdown { get; } =
    [
        Color.FromHex("#4e79a7"), Color.FromHex("#f28e2b"), Color.FromHex("#b07aa1"), Color.FromHex("#76b7b2"), Color.FromHex("#e15759"), Color.FromHex("#cfcfcf"),
    ];

    /// <summary>SLO and threshold lines: red reads as "limit" in every review.</summary>
    public static Color Slo { get; } = Color.FromHex("#d62728");

    /// <summary>Axis lines, ticks and text.</summary>
    public static Color Ink { get; } = Color.FromHex("#333333");

    /// <summary>Major grid lines: light enough not to compete with data.</summary>
    public static Color Grid { get; } = Color.FromHex("#e3e3e3");

    /// <summary>Background of a timeline lane: what shows where a GPU is idle (bubbles).</summary>
    public static Color Lane { get; } = Color.FromHex("#ececec");

    /// <summary>Reference lines that are not limits (y = x, Pareto frontier).</summary>
    public static Color Reference { get; } = Color.FromHex("#555555");

    /// <summary>The palette colour for an index, cycling.</summary>
    public static Color Colour(int index) => Palette[Math.Abs(index % Palette.Count)];

    /// <summary>Height of a chart with <paramref name="rows"/> bars or lanes: slide height, or taller when the rows need it.</summary>
    public static int HeightForRows(int rows) => Math.Max(SlideHeightPx, RowChromePx + (rows * RowPx));

    /// <summary>Applies the house style to a finished plot: fonts and sizes of every text, colours, grid.</summary>
    public static void Apply(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        EmbeddedFonts.Register();
        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontSize = TitleFontPx;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = Ink;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelFontPx;
            axis.Label.Bold = false;
            axis.Label.ForeColor = Ink;
            axis.TickLabelStyle.FontSize = TickFontPx;
            axis.TickLabelStyle.ForeColor = Ink;
            axis.FrameLineStyle.Color = Ink;
            axis.MajorTickStyle.Color = Ink;
            axis.MinorTickStyle.Color = Ink;
        }

        plot.Grid.MajorLineColor = Grid;
        plot.Grid.MinorLineWidth = 0;
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = LegendFontPx;
        plot.Legend.FontColor = Ink;
        plot.Legend.OutlineColor = Grid;
        foreach (var text in plot.GetPlottables().OfType<ScottPlot.Plottables.Text>())
        {
            text.LabelFontName = FontName;
        }

        // Why explicitly: a bar plot takes its value-label font from ScottPlot's Fonts.Default when it is constructed, and
        // that default is the embedded face only once EmbeddedFonts.Register has run; a bar chart built first in a process
        // labelled its bars in a system font (and so differed from the same chart built later).
        foreach (var bars in plot.GetPlottables().OfType<ScottPlot.Plottables.BarPlot>())
        {
            bars.ValueLabelStyle.FontName = FontName;
        }

        UseSubsetFace(plot);
    }

    /// <summary>Draws the plot's texts with <see cref="EmbeddedFonts.Subset"/> where it has every character: the title,
    /// axis titles, tick labels and text annotations. The subset draws what the full face draws (same glyphs and metrics;
    /// ChartFontTests), only cheaper to write as SVG; text it cannot draw, and the legend (whose items ScottPlot styles
    /// anew at each render), keep the full face.</summary>
    private static void UseSubsetFace(Plot plot)
    {
        UseSubsetFace(plot.Axes.Title.Label, plot.Axes.Title.Label.Text);
        foreach (var axis in plot.Axes.GetAxes())
        {
            UseSubsetFace(axis.Label, axis.Label.Text);
            switch (axis.TickGenerator)
            {
                case ScottPlot.TickGenerators.NumericManual manual:
                    if (manual.Ticks.All(t => EmbeddedFonts.CoversAll(t.Label)))
                    {
                        UseSubsetFace(axis.TickLabelStyle, string.Empty);
                    }

                    break;
                case ScottPlot.TickGenerators.NumericAutomatic automatic:
                    if (UseSubsetFace(axis.TickLabelStyle, string.Empty) && automatic.LabelFormatter.Target is not SubsetTickLabels)
                    {
                        automatic.LabelFormatter = new SubsetTickLabels(automatic.LabelFormatter, axis.TickLabelStyle).Format;
                    }

                    break;
            }
        }

        foreach (var text in plot.GetPlottables().OfType<ScottPlot.Plottables.Text>())
        {
            UseSubsetFace(text.LabelStyle, text.LabelText);
        }
    }

    /// <summary>Gives <paramref name="style"/> the subset face when it draws with the regular face and the subset covers
    /// <paramref name="text"/>; whether the style now uses the subset.</summary>
    private static bool UseSubsetFace(LabelStyle style, string text)
    {
        if (style.Font == EmbeddedFonts.Subset)
        {
            style.Font = EmbeddedFonts.Regular; // a second Apply decides again, for the text the style has now
        }

        // Why the checks: a style's typeface, when set, wins over its name and weight (LabelStyle.ApplyTextPaint); only a
        // style that draws the regular face (set, or resolved from the family name) may draw the subset instead.
        var regular = style.Font == EmbeddedFonts.Regular
            || (style.Font is null && !style.Bold && !style.Italic && string.Equals(style.FontName, FontName, StringComparison.OrdinalIgnoreCase));
        if (regular && EmbeddedFonts.CoversAll(text))
        {
            style.Font = EmbeddedFonts.Subset;
            return true;
        }

        return false;
    }

    /// <summary>Tick labels of an automatic axis are known only when the ticks are generated (at each render): this
    /// formatter hands the axis back to the full face at the first label the subset cannot draw, before that label is
    /// measured or drawn (the tick generator formats a candidate set of labels, then measures them).</summary>
    private sealed class SubsetTickLabels(Func<double, string> format, LabelStyle style)
    {
        public string Format(double value)
        {
            var label = format(value);
            if (!EmbeddedFonts.CoversAll(label))
            {
                style.Font = EmbeddedFonts.Regular;
            }

            return label;
        }
    }
}
