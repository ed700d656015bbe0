using DesSim.Core.Configuration;
using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines.Ideal;

/// <summary>Hardware only: no engine overheads, no CUDA-graph padding, NCCL collectives, and the V0-style continuous
/// batching policy DesSim ran before engines were modeled (what <c>engine: none</c> meant).</summary>
public sealed class IdealEngine : EngineModel
{
    private IdealEngine()
        : base("ideal", "1.0")
    {
    }

    /// <summary>The one version.</summary>
    public static IdealEngine Instance { get; } = new();

    /// <inheritdoc />
    public override IReadOnlyList<string> OptionKeys => [];

    /// <inheritdoc />
    protected override EngineSettings Build(EngineContext context, SchedulerKeys keys, YamlSection? options) =>
        new(new SchedulerConfig(BatchPolicyKind.Vllm, keys.MaxNumSeqs ?? SchedulerConfig.DefaultMaxNumSeqs, keys.MaxNumBatchedTokens ?? SchedulerConfig.DefaultMaxNumBatchedTokens),
            CudaGraphSizes.None, EngineOverheads.None, false, Vllm.VllmEngine.BlockSize);
}
