using DesSim.Core.Execution;

namespace DesSim.Core.Metrics;

/// <summary>The headline numbers of a run: the contract of <c>summary.json</c> (see docs/metrics.md).</summary>
/// <remarks>Throughputs per second of <see cref="DurationSeconds"/> (first arrival to last completion); latencies in ms.</remarks>
public sealed record RunSummary(
    long RequestsCompleted,
    long RequestsRejected,
    double DurationSeconds,
    double RequestThroughput,
    double OutputThroughput,
    double TotalTokenThroughput,
    double Goodput,
    double SloAttainment,
    LatencyStats TtftMs,
    LatencyStats TpotMs,
    LatencyStats ItlMs,
    LatencyStats E2elMs,
    LatencyStats QueueMs,
    long Preemptions,
    double ComputeShare,
    double TpCommShare,
    double PpCommShare,
    double OtherCommShare,
    double BubbleShare,
    double IdleShare,
    double PeakKvOccupancy)
{
    /// <summary>Most requests in flight at once, counted per second as <c>vllm bench serve</c> does (<see cref="ConcurrencyPeak"/>);
    /// null in a summary read from a file written before the key existed.</summary>
    public long? MaxConcurrentRequests { get; init; }

    /// <summary>Per pool: role, GPU, layout and GPU time (heterogeneous or disaggregated runs); null for one homogeneous layout.</summary>
    public IReadOnlyList<PoolSummary>? Pools { get; init; }

    /// <summary>Disaggregated runs: exposed KV transfer time per handed-off request, ms (<see cref="KvTransferRecord.TransferMs"/>).</summary>
    public LatencyStats? KvTransferMs { get; init; }

    /// <summary>Disaggregated runs: back-pressure wait for room on a decode instance, ms (<see cref="KvTransferRecord.WaitMs"/>).</summary>
    public LatencyStats? KvWaitMs { get; init; }

    /// <summary>Disaggregated runs: share of all GPU time with a KV transfer from or to the GPU in flight.</summary>
    public double? KvTransferShare { get; init; }

    /// <summary>Disaggregated runs: KV bytes moved in all.</summary>
    public long? KvTransferBytes { get; init; }

    /// <summary>Token-to-expert load under expert parallelism; null for dense models or ep = 1.</summary>
    public ExpertLoadStats? ExpertLoad { get; init; }

    /// <summary>Prefix-cache hits, savings and evictions; null when caching was off or no request carried a prefix identity.</summary>
    public PrefixCacheSummary? PrefixCache { get; init; }

    /// <summary>Energy and power; null when the GPU has no power figures.</summary>
    public EnergySummary? Energy { get; init; }

    /// <summary>GPU-time and energy cost; null without prices (or without energy figures).</summary>
    public CostSummary? Cost { get; init; }

    /// <summary>Retries and latency hit of injected faults; null when the run had none configured.</summary>
    public FaultSummary? Faults { get; init; }
}
