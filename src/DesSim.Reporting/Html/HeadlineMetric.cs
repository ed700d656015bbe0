namespace DesSim.Reporting.Html;

/// <summary>One headline number of a run, optionally checked against an SLO limit.</summary>
/// <remarks>Value and limit share <see cref="Unit"/> (e.g. ms, tok/s). With <see cref="LowerIsBetter"/> the metric
/// passes when value ≤ limit (latencies), otherwise when value ≥ limit (throughput, goodput).</remarks>
/// <param name="Name">Display name, e.g. "TTFT p99".</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">Unit text, e.g. "ms"; empty for none.</param>
/// <param name="SloLimit">The SLO limit in the same unit, or null when the metric has none.</param>
/// <param name="LowerIsBetter">Direction of the SLO comparison.</param>
public sealed record HeadlineMetric(string Name, double Value, string Unit, double? SloLimit = null, bool LowerIsBetter = true)
{
    /// <summary>True/false against the SLO, or null when there is no limit.</summary>
    public bool? MeetsSlo => SloLimit is not { } limit ? null : LowerIsBetter ? Value <= limit : Value >= limit;
}
