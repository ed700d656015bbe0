namespace DesSim.Core.Execution;

/// <summary>The cluster's state at one sampling instant, summed over replicas.</summary>
/// <param name="WaitingRequests">Requests queued, not admitted.</param>
/// <param name="RunningRequests">Requests admitted (holding KV).</param>
/// <param name="InFlightMicroBatches">Micro-batches in the pipelines.</param>
/// <param name="InFlightTokens">New tokens in the micro-batches in flight (the running batch size in tokens).</param>
/// <param name="KvUsedBlocks">KV blocks in use.</param>
/// <param name="KvCapacityBlocks">KV blocks in all.</param>
public readonly record struct ClusterSnapshot(int WaitingRequests, int RunningRequests, int InFlightMicroBatches, int InFlightTokens, long KvUsedBlocks, long KvCapacityBlocks);
