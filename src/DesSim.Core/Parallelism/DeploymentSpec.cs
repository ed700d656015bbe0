using DesSim.Core.Cost;
using DesSim.Core.Hardware;
using DesSim.Core.Model;

namespace DesSim.Core.Parallelism;

/// <summary>What to deploy where: a model in a precision on a cluster under a parallel plan, and how to price it.</summary>
/// <remarks>Unvalidated: <see cref="DeploymentPlan.Create(DeploymentSpec)"/> checks it. <see cref="StageLayers"/>, when set, lists decoder
/// layers per pipeline stage (sums to the model's layers). <see cref="GpuMemoryUtilization"/> is the fraction of each
/// GPU's memory the engine may use (vLLM's <c>gpu_memory_utilization</c>); <see cref="BlockSizeTokens"/> the KV block size.</remarks>
public sealed record DeploymentSpec(
    ModelSpec Model,
    Precision WeightPrecision,
    Precision KvPrecision,
    ClusterSpec Cluster,
    ParallelPlan Plan,
    CostModelKind CostModel,
    LinkFidelity LinkFidelity = LinkFidelity.ClosedForm,
    IReadOnlyList<int>? StageLayers = null,
    int BlockSizeTokens = 16,
    double GpuMemoryUtilization = 0.9)
{
    /// <summary>Token-to-expert popularity sampled per batch under expert parallelism (ignored for dense models or ep = 1).</summary>
    public ExpertRoutingSpec ExpertRouting { get; init; } = ExpertRoutingSpec.Uniform;

    /// <summary>A user's calibration (scenario key <c>calibration:</c>); where it covers a kernel kind or the TP all-reduce it
    /// replaces the built-in tables and roofline. Null: none.</summary>
    public CalibrationProfile? Calibration { get; init; }

    /// <summary>The all-reduce the serving engine runs for the TP group (the engine chooses it; NCCL by default).</summary>
    public Cost.AllReduceImplementation AllReduce { get; init; } = Cost.AllReduceImplementation.Nccl;

    /// <summary>How the serving engine sizes its KV cache (the engine chooses it; vLLM's rule by default).</summary>
    public KvCacheSizing KvSizing { get; init; } = KvCacheSizing.Vllm;

    /// <summary>Whether the scenario left <c>kv_cache_dtype</c> at <c>auto</c> (the engine may then pick the KV dtype from
    /// what its checkpoint format implies; see <see cref="Scheduling.Engines.EngineSettings.Fp8CheckpointQuantizesKv"/>).</summary>
    public bool KvDtypeAuto { get; init; }

    /// <summary>Whether the scenario set <c>gpu_memory_utilization</c>; when not, engines other than vLLM use their own default fraction.</summary>
    public bool MemoryFractionGiven { get; init; }

    /// <summary>The memory fraction the engine's KV rule uses: <see cref="GpuMemoryUtilization"/> when given or under vLLM's
    /// rule, else the engine's default (<see cref="KvCacheBudget.DefaultFraction"/>).</summary>
    public double MemoryFraction => KvSizing == KvCacheSizing.Vllm || MemoryFractionGiven ? GpuMemoryUtilization : KvCacheBudget.DefaultFraction(KvSizing, Plan.Tp);

    /// <summary>The default cost model for a GPU: measured when it has tables, else roofline.</summary>
    public static CostModelKind DefaultCostModel(GpuSpec gpu) =>
        Cost.MeasuredProfiles.Has(gpu.ProfileKey) ? CostModelKind.Measured : CostModelKind.Roofline;
}
