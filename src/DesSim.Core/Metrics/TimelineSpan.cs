namespace DesSim.Core.Metrics;

/// <summary>One stage execution or activation transfer, for pipeline timelines.</summary>
/// <param name="Replica">Replica index.</param>
/// <param name="Stage">Stage index.</param>
/// <param name="MicroBatch">Run-wide micro-batch number.</param>
/// <param name="StartNs">Start (ns).</param>
/// <param name="EndNs">End (ns).</param>
/// <param name="IsTransfer">True for an activation transfer to the next stage, false for compute.</param>
/// <param name="Tokens">New tokens in the micro-batch.</param>
public readonly record struct TimelineSpan(int Replica, int Stage, long MicroBatch, long StartNs, long EndNs, bool IsTransfer, int Tokens);
