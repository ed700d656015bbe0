using DesSim.Core.Scenarios;
using DesSim.Core.Scheduling;

namespace DesSim.Core.Scheduling.Engines;

/// <summary>What an engine model decided for one deployment: scheduler limits and policy, CUDA graphs, CPU-side time and
/// whether it overlaps the GPU, and the KV block size it uses by default.</summary>
/// <param name="Scheduler">Policy, limits and engine knobs.</param>
/// <param name="Graphs">Captured decode batch sizes.</param>
/// <param name="Overheads">CPU-side time per step and per sequence, and the all-reduce and KV-sizing rule the engine runs.</param>
/// <param name="CpuOverlapsGpu">Whether the per-step CPU work of the next step runs while the GPU runs this one (a step
/// then takes the longer of the two instead of their sum).</param>
/// <param name="BlockSizeTokens">The engine's default KV block (page) size in tokens.</param>
public sealed record EngineSettings(SchedulerConfig Scheduler, CudaGraphSizes Graphs, EngineOverheads Overheads, bool CpuOverlapsGpu, int BlockSizeTokens)
{
    /// <summary>Whether <c>kv_cache_dtype: auto</c> with fp8 weights means an fp8 KV cache: the engine takes the KV dtype from
    /// the checkpoint's quantization config, and the fp8 checkpoints it serves quantize the KV cache too (TensorRT-LLM).
    /// False: auto keeps a 16-bit KV cache for fp8 weights (vLLM's <c>kv_cache_dtype=auto</c>).</summary>
    public bool Fp8CheckpointQuantizesKv { get; init; }

    /// <summary>Human-readable lines for the run's notes (defaults taken and where they come from).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
