namespace DesSim.Reporting.Charts;

/// <summary>Direction in which stacked bars grow.</summary>
public enum BarOrientation
{
    /// <summary>Categories along x, values up the y axis.</summary>
    Vertical,

    /// <summary>Categories down the y axis (first on top), values along x.</summary>
    Horizontal,
}
