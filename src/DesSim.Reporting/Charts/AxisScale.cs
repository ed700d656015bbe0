namespace DesSim.Reporting.Charts;

/// <summary>How an axis maps values to positions.</summary>
/// <remarks>A log axis drops non-positive values (they cannot be placed) and ticks at decades.</remarks>
public enum AxisScale
{
    /// <summary>Linear, ticks at 1-2-5 steps.</summary>
    Linear,

    /// <summary>Base-10 logarithmic, major ticks at decades, minor ticks at 2..9.</summary>
    Log,
}
