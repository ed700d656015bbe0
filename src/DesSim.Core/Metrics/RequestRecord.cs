namespace DesSim.Core.Metrics;

/// <summary>One request's outcome: the row of <c>requests.csv</c>.</summary>
/// <remarks>Times in nanoseconds since the simulation start; -1 where the event did not happen (rejected requests).
/// See docs/metrics.md for the derived metrics.</remarks>
public readonly record struct RequestRecord(
    long Id,
    int Replica,
    int InputTokens,
    int OutputTokens,
    long ArrivalNs,
    long ScheduledNs,
    long FirstTokenNs,
    long CompletionNs,
    int Preemptions,
    long MaxItlNs,
    bool Rejected,
    int CachedTokens = 0,
    int LoadedTokens = 0)
{
    /// <summary>Time to first token, ms.</summary>
    public double TtftMs => (FirstTokenNs - ArrivalNs) / 1e6;

    /// <summary>End-to-end latency, ms.</summary>
    public double E2elMs => (CompletionNs - ArrivalNs) / 1e6;

    /// <summary>Queueing delay (arrival to first admission), ms.</summary>
    public double QueueMs => (ScheduledNs - ArrivalNs) / 1e6;

    /// <summary>Time per output token after the first, ms; NaN for single-token outputs.</summary>
    public double TpotMs => OutputTokens > 1 ? (CompletionNs - FirstTokenNs) / 1e6 / (OutputTokens - 1) : double.NaN;
}
