using DesSim.Engine;

namespace DesSim.Core.Metrics;

/// <summary>One request's outcome: the row of <c>requests.csv</c>.</summary>
/// <remarks>Times are <see cref="SimTime"/> since the simulation start; <see cref="NotReached"/> (−1 ns) where the event did
/// not happen (rejected requests). The derived latencies are in milliseconds. See docs/metrics.md for the derived metrics.</remarks>
public readonly record struct RequestRecord(
    long Id,
    int Replica,
    int InputTokens,
    int OutputTokens,
    SimTime Arrival,
    SimTime Scheduled,
    SimTime FirstToken,
    SimTime Completion,
    int Preemptions,
    SimTime MaxItl,
    bool Rejected,
    int CachedTokens = 0,
    int LoadedTokens = 0)
{
    /// <summary>The time of an event that did not happen (−1 ns; requests.csv leaves the cell empty).</summary>
    public static readonly SimTime NotReached = SimTime.FromNanoseconds(-1);

    /// <summary>Time to first token, ms.</summary>
    public double TtftMs => (FirstToken.Nanoseconds - Arrival.Nanoseconds) / NanosecondsPerMillisecond;

    /// <summary>End-to-end latency, ms.</summary>
    public double E2elMs => (Completion.Nanoseconds - Arrival.Nanoseconds) / NanosecondsPerMillisecond;

    /// <summary>Queueing delay (arrival to first admission), ms.</summary>
    public double QueueMs => (Scheduled.Nanoseconds - Arrival.Nanoseconds) / NanosecondsPerMillisecond;

    /// <summary>Time per output token after the first, ms; NaN for single-token outputs.</summary>
    public double TpotMs => OutputTokens > 1 ? (Completion.Nanoseconds - FirstToken.Nanoseconds) / NanosecondsPerMillisecond / (OutputTokens - 1) : double.NaN;

    private const double NanosecondsPerMillisecond = SimTime.NanosecondsPerMillisecond;
}
