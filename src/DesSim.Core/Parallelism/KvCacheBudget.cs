namespace DesSim.Core.Parallelism;

/// <summary>The KV-cache bytes per GPU each engine leaves, by its own rule and default fraction.</summary>
/// <remarks>
/// Bytes per GPU. <c>reserve</c> is DesSim's estimate of activations plus non-torch memory
/// (<see cref="MemoryPlanner.ActivationReserveBytes"/>: a forward pass at 8,192 tokens plus CUDA context, cuBLAS and NCCL
/// buffers). CUDA-graph memory is not modeled separately (vLLM 0.12 captures graphs after sizing the cache and its graphs
/// take a few hundred MB, inside the estimate's slack). The scenario's <c>gpu_memory_utilization</c> is the engine's own
/// fraction: vLLM <c>gpu_memory_utilization</c>, TensorRT-LLM <c>free_gpu_memory_fraction</c>, SGLang
/// <c>mem_fraction_static</c>.
/// </remarks>
public static class KvCacheBudget
{
    /// <summary>vLLM's default <c>gpu_memory_utilization</c>. Source: <c>CacheConfig.gpu_memory_utilization = 0.9</c>,
    /// <c>vllm/config/cache.py</c> (vLLM 0.12).</summary>
    public const double VllmDefaultFraction = 0.9;

    /// <summary>TensorRT-LLM's default <c>free_gpu_memory_fraction</c>. Source: <c>KvCacheConfig.free_gpu_memory_fraction</c>
    /// default 0.9, <c>tensorrt_llm/llmapi/llm_args.py</c> (TensorRT-LLM 1.0).</summary>
    public const double TrtllmDefaultFraction = 0.9;

    /// <summary>The engine's default fraction when the scenario gives none.</summary>
    /// <remarks>SGLang: <c>ServerArgs.__post_init__</c> in <c>python/sglang/srt/server_args.py</c> (SGLang 0.4.x–0.5.1) picks
    /// <c>mem_fraction_static</c> by TP size: ≥ 16 → 0.79, ≥ 8 → 0.81, ≥ 4 → 0.85, ≥ 2 → 0.87, else 0.88. (Later 0.5
    /// versions derive it from a reserved-memory estimate by GPU memory; not modeled.)</remarks>
    public static double DefaultFraction(KvCacheSizing sizing, int tp) => sizing switch
    {
        KvCacheSizing.Trtllm => TrtllmDefaultFraction,
        KvCacheSizing.Sglang => tp >= 16 ? 0.79 : tp >= 8 ? 0.81 : tp >= 4 ? 0.85 : tp >= 2 ? 0.87 : 0.88,
        _ => VllmDefaultFraction,
    };

    /// <summary>KV-cache bytes per GPU under <paramref name="sizing"/> (negative when nothing is left).</summary>
    /// <param name="sizing">The engine's rule.</param>
    /// <param name="fraction">The engine's memory fraction (see the class remarks).</param>
    /// <param name="capacityBytes">GPU memory.</param>
    /// <param name="weightsBytes">Weights this GPU holds.</param>
    /// <param name="reserveBytes">Activation peak plus non-torch memory.</param>
    public static long KvBytes(KvCacheSizing sizing, double fraction, long capacityBytes, long weightsBytes, long reserveBytes) => sizing switch
    {
        KvCacheSizing.Trtllm => capacityBytes - weightsBytes - reserveBytes is var free && free > 0 ? (long)Math.Floor(fraction * free) : free,
        KvCacheSizing.Sglang => (long)Math.Floor(capacityBytes * fraction) - weightsBytes,
        _ => (long)Math.Floor(capacityBytes * fraction) - weightsBytes - reserveBytes,
    };

    /// <summary>How the rule reads, for messages: e.g. <c>0.9 × (80 − 70.6 − 3.2) GB free</c>.</summary>
    public static string Describe(KvCacheSizing sizing) => sizing switch
    {
        KvCacheSizing.Trtllm => "TensorRT-LLM free_gpu_memory_fraction × (memory − weights − activations)",
        KvCacheSizing.Sglang => "SGLang mem_fraction_static × memory − weights",
        _ => "vLLM gpu_memory_utilization × memory − weights − activations",
    };
}
