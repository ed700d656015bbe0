namespace DesSim.Reporting.Charts;

/// <summary>One axis of a <see cref="Plot"/>: title, unit, scale and optional fixed limits.</summary>
/// <remarks>Limits are in data units. Unset limits are taken from the data and widened to the nearest nice tick
/// (linear) or decade (log). The axis becomes categorical when a series supplies categories (bars, Gantt rows).</remarks>
public sealed class Axis
{
    /// <summary>Axis title, e.g. "Time to first token".</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>Unit shown in parentheses after the title, e.g. "ms"; empty for none.</summary>
    public string Unit { get; set; } = string.Empty;

    /// <summary>Linear or log.</summary>
    public AxisScale Scale { get; set; } = AxisScale.Linear;

    /// <summary>Fixed lower limit, or null to fit the data.</summary>
    public double? Min { get; set; }

    /// <summary>Fixed upper limit, or null to fit the data.</summary>
    public double? Max { get; set; }

    /// <summary>The title as drawn: "Label (unit)".</summary>
    internal string Title => Unit.Length == 0 ? Label : Label.Length == 0 ? Unit : $"{Label} ({Unit})";
}
