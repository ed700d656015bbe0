namespace DesSim.Reporting.Compare;

/// <summary>The rows of the comparison's headline table, in order: latency percentiles, throughput, goodput, SLO
/// attainment, where GPU time goes, energy and cost per token (when the runs have them), GPUs and requests.</summary>
/// <remarks>Values are those of each run's summary.json (docs/metrics.md); per-GPU throughput divides by the GPUs
/// in gpus.csv. Shares and attainment are shown in percent.</remarks>
public static class CompareMetrics
{
    /// <summary>Every row.</summary>
    public static IReadOnlyList<CompareMetric> All { get; } =
    [
        new("TTFT p50", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.TtftMs.Median),
        new("TTFT p99", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.TtftMs.P99),
        new("TPOT p50", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.TpotMs.Median),
        new("TPOT p99", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.TpotMs.P99),
        new("ITL p99", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.ItlMs.P99),
        new("E2E latency p50", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.E2elMs.Median),
        new("E2E latency p99", "ms", MetricDirection.LowerIsBetter, r => r.Data.Summary.E2elMs.P99),
        new("Request throughput", "req/s", MetricDirection.HigherIsBetter, r => r.Data.Summary.RequestThroughput),
        new("Goodput", "req/s", MetricDirection.HigherIsBetter, r => r.Data.Summary.Goodput),
        new("SLO attainment", "%", MetricDirection.HigherIsBetter, r => 100 * r.Data.Summary.SloAttainment),
        new("Output throughput", "tok/s", MetricDirection.HigherIsBetter, r => r.Data.Summary.OutputThroughput),
        new("Output throughput per GPU", "tok/s", MetricDirection.HigherIsBetter, r => r.GpuCount == 0 ? double.NaN : r.Data.Summary.OutputThroughput / r.GpuCount),
        new("Compute share", "%", MetricDirection.None, r => 100 * r.Data.Summary.ComputeShare),
        new("Communication share (TP+PP+EP/CP)", "%", MetricDirection.LowerIsBetter, r => 100 * (r.Data.Summary.TpCommShare + r.Data.Summary.PpCommShare + r.Data.Summary.OtherCommShare)),
        new("Bubble share", "%", MetricDirection.LowerIsBetter, r => 100 * r.Data.Summary.BubbleShare),
        new("Energy per output token", "J", MetricDirection.LowerIsBetter, r => r.Data.JoulesPerOutputToken),
        new("Cost per million output tokens", "USD", MetricDirection.LowerIsBetter, r => r.Data.UsdPerMillionOutputTokens),
        new("Preemptions", string.Empty, MetricDirection.LowerIsBetter, r => r.Data.Summary.Preemptions),
        new("GPUs", string.Empty, MetricDirection.None, r => r.GpuCount),
        new("Requests completed", string.Empty, MetricDirection.None, r => r.Data.Summary.RequestsCompleted),
        new("Requests rejected", string.Empty, MetricDirection.LowerIsBetter, r => r.Data.Summary.RequestsRejected),
    ];
}
