namespace DesSim.Core.Metrics;

/// <summary>How the per-request latency percentiles of a run (TTFT, TPOT, E2E, queueing) are computed
/// (scenario key <c>outputs.percentiles</c>, docs/metrics.md "Percentiles").</summary>
public enum PercentileMode
{
    /// <summary>Exact (R-7 over every sample) up to <see cref="LatencyAccumulator.ExactMaxSamples"/> samples of a metric, the
    /// log-bucket sketch above: memory stays constant in the number of requests.</summary>
    Auto,

    /// <summary>Always exact: one 8-byte sample per request and metric while the summary is built.</summary>
    Exact,

    /// <summary>Always the sketch (relative error at most 2⁻¹¹ of the value).</summary>
    Sketch,
}
