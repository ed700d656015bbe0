namespace DesSim.Core.Parallelism;

/// <summary>Per-GPU memory budget of a deployment and the KV capacity it leaves.</summary>
/// <remarks>Bytes per GPU, for the tightest stage (the one with the fewest KV tokens): <see cref="UsableBytes"/> =
/// <see cref="WeightsBytes"/> + <see cref="ActivationReserveBytes"/> + <see cref="KvCacheBytes"/>, the KV bytes set by the
/// engine's rule (<see cref="KvCacheBudget"/>; under vLLM's, usable = capacity · gpu_memory_utilization).
/// KV capacity is per replica (every stage must hold every in-flight token's KV for its layers) in tokens and in
/// blocks of <see cref="BlockSizeTokens"/>. <see cref="KvBytesPerTokenPerGpu"/> is per token a GPU holds; with context
/// parallelism each GPU holds 1/cp of a replica's tokens.</remarks>
public sealed record MemoryPlan(
    long CapacityBytes,
    long UsableBytes,
    long WeightsBytes,
    long ActivationReserveBytes,
    long KvCacheBytes,
    long KvBytesPerTokenPerGpu,
    long KvCapacityTokensPerReplica,
    long KvBlocksPerReplica,
    int BlockSizeTokens,
    int TightestStage);
