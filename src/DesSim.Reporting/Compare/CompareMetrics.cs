using DesSim.Core.Metrics;

namespace DesSim.Reporting.Compare;

/// <summary>The rows of the comparison's headline table, in order: latency percentiles, throughput, goodput, SLO
/// attainment, where GPU time goes, energy and cost per token (when the runs have them), GPUs and requests.</summary>
/// <remarks>Values are those of each run's summary.json (docs/metrics.md), read through the shared <see cref="RunMetrics"/> keys; per-GPU throughput divides by the GPUs
/// in gpus.csv. Shares and attainment are shown in percent.</remarks>
public static class CompareMetrics
{
    /// <summary>Every row.</summary>
    public static IReadOnlyList<CompareMetric> All { get; } =
    [
        new("TTFT p50", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.TtftP50Ms.Read(r.Data.Summary)),
        new("TTFT p99", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.TtftP99Ms.Read(r.Data.Summary)),
        new("TPOT p50", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.TpotP50Ms.Read(r.Data.Summary)),
        new("TPOT p99", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.TpotP99Ms.Read(r.Data.Summary)),
        new("ITL p99", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.ItlP99Ms.Read(r.Data.Summary)),
        new("E2E latency p50", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.E2elP50Ms.Read(r.Data.Summary)),
        new("E2E latency p99", "ms", MetricDirection.LowerIsBetter, r => RunMetrics.E2elP99Ms.Read(r.Data.Summary)),
        new("Request throughput", "req/s", MetricDirection.HigherIsBetter, r => RunMetrics.RequestThroughput.Read(r.Data.Summary)),
        new("Goodput", "req/s", MetricDirection.HigherIsBetter, r => RunMetrics.Goodput.Read(r.Data.Summary)),
        new("SLO attainment", "%", MetricDirection.HigherIsBetter, r => 100 * RunMetrics.SloAttainment.Read(r.Data.Summary)),
        new("Output throughput", "tok/s", MetricDirection.HigherIsBetter, r => RunMetrics.OutputThroughput.Read(r.Data.Summary)),
        new("Output throughput per GPU", "tok/s", MetricDirection.HigherIsBetter, r => r.GpuCount == 0 ? double.NaN : r.Data.Summary.OutputThroughput / r.GpuCount),
        new("Compute share", "%", MetricDirection.None, r => 100 * RunMetrics.ComputeShare.Read(r.Data.Summary)),
        new("Communication share (TP+PP+EP/CP)", "%", MetricDirection.LowerIsBetter, r => 100 * (r.Data.Summary.TpCommShare + r.Data.Summary.PpCommShare + r.Data.Summary.OtherCommShare)),
        new("Bubble share", "%", MetricDirection.LowerIsBetter, r => 100 * RunMetrics.BubbleShare.Read(r.Data.Summary)),
        new("Energy per output token", "J", MetricDirection.LowerIsBetter, r => r.Data.JoulesPerOutputToken),
        new("Cost per million output tokens", "USD", MetricDirection.LowerIsBetter, r => r.Data.UsdPerMillionOutputTokens),
        new("Preemptions", string.Empty, MetricDirection.LowerIsBetter, r => RunMetrics.Preemptions.Read(r.Data.Summary)),
        new("GPUs", string.Empty, MetricDirection.None, r => r.GpuCount),
        new("Requests completed", string.Empty, MetricDirection.None, r => RunMetrics.RequestsCompleted.Read(r.Data.Summary)),
        new("Requests rejected", string.Empty, MetricDirection.LowerIsBetter, r => RunMetrics.RequestsRejected.Read(r.Data.Summary)),
    ];
}
