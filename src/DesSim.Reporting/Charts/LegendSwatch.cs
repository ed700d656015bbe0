namespace DesSim.Reporting.Charts;

/// <summary>The little glyph drawn before a legend label.</summary>
internal enum LegendSwatch
{
    Line,
    DashedLine,
    Marker,
    Box,
}
