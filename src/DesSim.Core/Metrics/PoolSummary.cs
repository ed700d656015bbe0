namespace DesSim.Core.Metrics;

/// <summary>One pool's line of <c>summary.json</c>'s <c>pools</c> block (docs/metrics.md).</summary>
/// <param name="Name">Pool name (<c>prefill</c>, <c>decode</c>, <c>group{N}</c>).</param>
/// <param name="Role">colocated, prefill or decode.</param>
/// <param name="Gpu">The GPU model.</param>
/// <param name="Instances">Instances in the pool.</param>
/// <param name="Tp">TP degree per instance.</param>
/// <param name="Pp">PP degree per instance.</param>
/// <param name="Gpus">GPUs of the pool.</param>
/// <param name="Utilization">Busy GPU time (compute + TP + PP + other communication) over the pool's GPU time.</param>
/// <param name="ComputeShare">Share of the pool's GPU time in compute.</param>
/// <param name="CommShare">Share in TP, PP and other communication.</param>
/// <param name="BubbleShare">Share in pipeline bubbles.</param>
/// <param name="IdleShare">Share idle.</param>
/// <param name="KvTransferShare">Share of the pool's GPU time with a KV transfer from or to the GPU in flight (overlaps the others).</param>
/// <param name="QueueMs">Mean wait before the pool takes a request: admission queue (prefill, colocated) or back-pressure
/// wait for room (decode), ms.</param>
public sealed record PoolSummary(string Name, string Role, string Gpu, int Instances, int Tp, int Pp, int Gpus, double Utilization,
    double ComputeShare, double CommShare, double BubbleShare, double IdleShare, double KvTransferShare, double QueueMs);
