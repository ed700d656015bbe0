namespace DesSim.Reporting.Trace;

/// <summary>Bounds a trace for long runs: a time window and/or a cap on the number of spans and counter samples.</summary>
/// <remarks>Times in seconds. Spans overlapping the window are kept (clipped to it); counters inside it are kept.
/// Beyond <see cref="MaxSpans"/> (or <see cref="MaxCounterSamples"/>) every k-th event in time order is kept,
/// with k the smallest stride that fits. Whatever was applied is stated in the file's <c>otherData</c>.</remarks>
/// <param name="WindowStartSeconds">Window start, or null for the run's start.</param>
/// <param name="WindowEndSeconds">Window end, or null for the run's end.</param>
/// <param name="MaxSpans">Most complete events written, or null for no cap.</param>
/// <param name="MaxCounterSamples">Most counter events written, or null for no cap.</param>
public sealed record TraceLimit(double? WindowStartSeconds = null, double? WindowEndSeconds = null, int? MaxSpans = null, int? MaxCounterSamples = null)
{
    /// <summary>No window, no cap.</summary>
    public static TraceLimit None { get; } = new();
}
