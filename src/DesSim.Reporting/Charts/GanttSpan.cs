namespace DesSim.Reporting.Charts;

/// <summary>One bar of a Gantt chart: a row (GPU or link) busy from <see cref="Start"/> for <see cref="Duration"/>.</summary>
/// <remarks>Start and duration are in the x axis's unit (e.g. ms). <see cref="Key"/> picks the colour and legend
/// entry (e.g. "mb 3" for micro-batch 3); spans with the same key share a colour.</remarks>
/// <param name="Row">Zero-based row index into the Gantt's rows.</param>
/// <param name="Start">Start, x axis unit.</param>
/// <param name="Duration">Length, x axis unit, ≥ 0.</param>
/// <param name="Key">Colour key.</param>
public readonly record struct GanttSpan(int Row, double Start, double Duration, string Key);
