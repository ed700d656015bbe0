namespace DesSim.Core.Execution;

/// <summary>Token-to-expert load of a run under expert parallelism (summary.json <c>expert_load</c>).</summary>
/// <remarks>
/// <see cref="ExpertTokens"/>: routed token assignments per expert, summed over every sampled (micro-batch, stage)
/// routing (one layer's worth each). <see cref="ImbalanceFactor"/> = max/mean of those totals (1 = perfectly even).
/// <see cref="MeanBatchGpuImbalance"/> / <see cref="MaxBatchGpuImbalance"/>: per sampled batch, the busiest expert
/// group's tokens over the mean group's (this is what costs time), averaged / maximized over batches. Dimensionless.
/// </remarks>
public sealed record ExpertLoadStats(
    IReadOnlyList<long> ExpertTokens,
    double ImbalanceFactor,
    double MeanBatchGpuImbalance,
    double MaxBatchGpuImbalance,
    long SampledBatches,
    int ExpertGroups,
    string Routing);
