namespace DesSim.Reporting.Charts;

/// <summary>One tick of a laid-out axis.</summary>
/// <param name="Value">Position in data units (category axes: index + 0.5).</param>
/// <param name="Label">Text drawn at the tick; empty for minor ticks.</param>
/// <param name="IsMajor">Major ticks get a label and a darker grid line.</param>
internal readonly record struct Tick(double Value, string Label, bool IsMajor);
