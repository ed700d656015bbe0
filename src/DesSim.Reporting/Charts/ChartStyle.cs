namespace DesSim.Reporting.Charts;

/// <summary>Layout and typography constants shared by every chart.</summary>
/// <remarks>All sizes are SVG user units (CSS pixels at 100 % zoom).</remarks>
internal static class ChartStyle
{
    /// <summary>Default chart width: fits a laptop screen beside a table.</summary>
    public const double DefaultWidthPx = 760;

    /// <summary>Default chart height: a 16:9-ish aspect that leaves room for axis titles.</summary>
    public const double DefaultHeightPx = 420;

    /// <summary>Font stack: DejaVu ships with Debian, the rest are common fallbacks.</summary>
    public const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>Title font size.</summary>
    public const double TitleFontPx = 15;

    /// <summary>Axis title font size.</summary>
    public const double AxisTitleFontPx = 12;

    /// <summary>Tick label and legend font size.</summary>
    public const double TickFontPx = 11;

    /// <summary>Approximate advance width of one character at <see cref="TickFontPx"/>, used to reserve space for labels.</summary>
    public const double CharWidthPx = 6.6;

    /// <summary>Space above the plot area when a title is drawn.</summary>
    public const double TitleBandPx = 34;

    /// <summary>Space above the plot area without a title.</summary>
    public const double TopPaddingPx = 14;

    /// <summary>Space right of the plot area without a legend.</summary>
    public const double RightPaddingPx = 24;

    /// <summary>Height of the x tick label band below the plot area.</summary>
    public const double XTickBandPx = 22;

    /// <summary>Height of the x axis title band.</summary>
    public const double XTitleBandPx = 22;

    /// <summary>Width of the y axis title band (rotated text).</summary>
    public const double YTitleBandPx = 22;

    /// <summary>Minimum left margin, so short tick labels still leave a tidy gutter.</summary>
    public const double MinLeftMarginPx = 44;

    /// <summary>Length of a major tick mark.</summary>
    public const double TickLengthPx = 5;

    /// <summary>Height of one legend row.</summary>
    public const double LegendRowPx = 18;

    /// <summary>Width of a legend swatch.</summary>
    public const double LegendSwatchPx = 16;

    /// <summary>Gap between the plot area and the legend.</summary>
    public const double LegendGapPx = 14;

    /// <summary>Target minimum spacing between x ticks, so labels never overlap.</summary>
    public const double XTickSpacingPx = 90;

    /// <summary>Target minimum spacing between y ticks.</summary>
    public const double YTickSpacingPx = 48;

    /// <summary>Minimum vertical space per labelled category row.</summary>
    public const double CategoryLabelMinPx = 13;

    /// <summary>Fraction of a category band filled by its bar (the rest is the gap between bars).</summary>
    public const double BarFill = 0.7;

    /// <summary>Most legend rows drawn before the rest are summarised as "+N more".</summary>
    public const int MaxLegendRows = 14;

    /// <summary>Background colour of the whole chart.</summary>
    public const string BackgroundColor = "#ffffff";

    /// <summary>Axis lines, ticks and text.</summary>
    public const string AxisColor = "#333333";

    /// <summary>Major grid lines: light enough not to compete with data.</summary>
    public const string GridColor = "#e3e3e3";

    /// <summary>Minor grid lines (log axes).</summary>
    public const string MinorGridColor = "#f1f1f1";

    /// <summary>Background of a Gantt lane: what shows through where a GPU is idle (bubbles).</summary>
    public const string LaneColor = "#ececec";

    /// <summary>SLO and threshold lines: red reads as "limit" in every review.</summary>
    public const string SloColor = "#d62728";

    /// <summary>Shaded bands (fault windows): a muted red at low opacity.</summary>
    public const string BandColor = "#d62728";

    /// <summary>White outline behind data labels, so they stay readable where they cross lines.</summary>
    public const string LabelHalo = "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\"";

    /// <summary>Fraction of the data range added on each side of marker series, so edge markers are not clipped.</summary>
    public const double MarkerPadding = 0.04;

    /// <summary>Opacity of shaded bands.</summary>
    public const double BandOpacity = 0.12;
}
