namespace DesSim.Core.Scheduling;

/// <summary>What the serving engine adds beyond kernels and collectives: per-iteration CPU work, per-sequence sampling, and
/// per-step synchronization of tensor-parallel collectives.</summary>
/// <remarks>
/// <see cref="CollectiveStepOverheadSeconds"/> is paid per ring step of every TP all-reduce an iteration runs: an iteration
/// of L layers at TP t runs 2·L all-reduces of 2·(t − 1) steps, so it adds 4·L·(t − 1)·value (see
/// <see cref="CollectiveStepsPerIteration"/>). It stands for what back-to-back micro-benchmarks do not see: a launch and a
/// wait for the slowest rank per collective (large without CUDA graphs). Added to stage 0 with the iteration overhead.
/// </remarks>
/// <param name="Name">Preset name (vllm, trtllm, sglang, none, or custom).</param>
/// <param name="IterationOverheadSeconds">Per micro-batch scheduling, input preparation and launch gaps, added to stage 0.</param>
/// <param name="PerSequenceOverheadSeconds">Per sequence per iteration (sampling, detokenization), added to the last stage.</param>
/// <param name="CollectiveStepOverheadSeconds">Per ring step of each TP all-reduce, seconds.</param>
public sealed record EngineOverheads(string Name, double IterationOverheadSeconds, double PerSequenceOverheadSeconds, double CollectiveStepOverheadSeconds = 0)
{
    /// <summary>Adds nothing.</summary>
    public static readonly EngineOverheads None = new("none", 0, 0);

    /// <summary>The all-reduce this engine runs for its TP group (NCCL unless the preset names the engine's own).</summary>
    public Cost.AllReduceImplementation AllReduce { get; init; } = Cost.AllReduceImplementation.Nccl;

    /// <summary>How this engine sizes its KV cache (vLLM's rule unless the preset names the engine's own).</summary>
    public Parallelism.KvCacheSizing KvSizing { get; init; } = Parallelism.KvCacheSizing.Vllm;

    /// <summary>The engine's serial request front end (none unless the engine's model sets one; see
    /// <see cref="Execution"/>'s <c>FrontEndServer</c>).</summary>
    public FrontEndSpec FrontEnd { get; init; } = FrontEndSpec.None;

    /// <summary>Ring steps of TP all-reduces in one iteration over <paramref name="layers"/> layers at TP <paramref name="tp"/>: 4·L·(t − 1).</summary>
    public static double CollectiveStepsPerIteration(int layers, int tp) => 4.0 * layers * Math.Max(0, tp - 1);

    /// <summary>Seconds added to stage 0 per micro-batch: iteration overhead plus the collective-step term.</summary>
    public double IterationSeconds(int layers, int tp) => IterationOverheadSeconds + (CollectiveStepOverheadSeconds * CollectiveStepsPerIteration(layers, tp));
}
