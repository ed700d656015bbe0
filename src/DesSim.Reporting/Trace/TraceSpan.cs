namespace DesSim.Reporting.Trace;

/// <summary>A span of work on one thread of the trace: a stage execution on a GPU, a transfer on a link.</summary>
/// <remarks>Times in seconds of simulated time (written as microseconds). Duration ≥ 0. Args are written in the
/// order given, as strings.</remarks>
/// <param name="Process">Process id: the replica.</param>
/// <param name="Thread">Thread id within the process: a GPU or a link.</param>
/// <param name="Name">Event name, e.g. "stage 1 mb 3".</param>
/// <param name="Category">Comma-separated categories, e.g. "compute" or "transfer".</param>
/// <param name="StartSeconds">Start time.</param>
/// <param name="DurationSeconds">Length.</param>
/// <param name="Args">Optional key/value details shown when the span is selected.</param>
public sealed record TraceSpan(int Process, int Thread, string Name, string Category, double StartSeconds, double DurationSeconds, IReadOnlyList<KeyValuePair<string, string>>? Args = null);
