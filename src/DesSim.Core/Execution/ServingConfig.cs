using DesSim.Core.Cost;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Execution;

/// <summary>Everything the serving executor needs about the cluster and the scheduler, independent of how it was planned.</summary>
/// <remarks>
/// <see cref="StageGpuIds"/> is indexed [replica][stage] → the global GPU ids of that stage's TP ranks (all of equal count).
/// Sizes in bytes and tokens; times in seconds.
/// </remarks>
/// <param name="StageGpuIds">GPU ids per replica and stage.</param>
/// <param name="GpuCount">GPUs in the cluster (ids are 0..GpuCount−1).</param>
/// <param name="CostModel">Prices a stage for a micro-batch.</param>
/// <param name="ActivationBytesPerToken">Bytes per token crossing a stage boundary (hidden × activation bytes), before TP split.</param>
/// <param name="KvBlocksPerReplica">KV cache blocks per replica (from the memory planner).</param>
/// <param name="BlockSizeTokens">Tokens per KV block.</param>
/// <param name="Scheduler">Batching policy and limits.</param>
/// <param name="Router">DP routing policy.</param>
public sealed record ServingConfig(
    int[][][] StageGpuIds,
    int GpuCount,
    IStageCostModel CostModel,
    long ActivationBytesPerToken,
    long KvBlocksPerReplica,
    int BlockSizeTokens,
    SchedulerConfig Scheduler,
    RouterKind Router)
{
    /// <summary>Weights and session affinity of the <c>prefix-aware</c> router (<see cref="RouterKind.PrefixAware"/>).</summary>
    public PrefixRouterOptions PrefixRouting { get; init; } = PrefixRouterOptions.Default;

    /// <summary>KV tiers below GPU memory (host DRAM, disk, a shared store) and their links; null when none
    /// (docs/prefix-caching.md, "KV tiers"). Used only with prefix caching.</summary>
    public KvTierConfig? KvTiers { get; init; }

    /// <summary>Per-iteration CPU work of the serving engine (scheduling, input preparation), added before stage 0 runs; seconds.</summary>
    public double IterationOverheadSeconds { get; init; }

    /// <summary>Decode batch sizes the engine captured as CUDA graphs; decode-only batches are priced at the padded size.</summary>
    public Scheduling.Engines.CudaGraphSizes CudaGraphs { get; init; } = Scheduling.Engines.CudaGraphSizes.None;

    /// <summary>Whether the per-iteration CPU work overlaps the GPU (vLLM async scheduling, SGLang and TensorRT-LLM overlap
    /// schedulers): stage 0 then takes max(GPU, CPU) instead of their sum.</summary>
    public bool CpuOverlapsGpu { get; init; }

    /// <summary>The engine's serial request front end (tokenization and hand-off before the scheduler sees a request).</summary>
    public FrontEndSpec FrontEnd { get; init; } = FrontEndSpec.None;

    /// <summary>Per-sequence per-iteration overhead (sampling, detokenization), added on the last stage; seconds.</summary>
    public double PerSequenceOverheadSeconds { get; init; }

    /// <summary>Samples MoE routing per micro-batch and adds the expert-parallel cost (null: dense model or ep = 1).</summary>
    public ExpertRoutingSampler? ExpertRouting { get; init; }

    /// <summary>Sampling step of the time series; zero disables sampling.</summary>
    public double SampleStepSeconds { get; init; }

    /// <summary>Injected faults (stragglers, replica failures, link degradation); see docs/faults.md.</summary>
    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Kernel-time variability; see docs/faults.md.</summary>
    public VariabilitySpec Variability { get; init; } = VariabilitySpec.None;

    /// <summary>The GPUs' power model; null when the GPU has no power figures. A cap in it throttles stage costs.</summary>
    public PowerModel? Power { get; init; }

    /// <summary>Data-parallel replicas.</summary>
    public int Replicas => StageGpuIds.Length;

    /// <summary>Pipeline stages per replica.</summary>
    public int Stages => StageGpuIds[0].Length;

    /// <summary>GPUs per stage (tensor-parallel × context-parallel ranks).</summary>
    public int TensorParallel => StageGpuIds[0][0].Length;
}
