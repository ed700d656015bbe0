namespace DesSim.Core.Parallelism;

/// <summary>Named constants of memory planning.</summary>
/// <remarks>Bytes and tokens. vLLM reserves memory for activations by profiling a forward pass at its token budget; we
/// estimate that pass instead.</remarks>
public static class MemoryConstants
{
    /// <summary>Fixed per-GPU reserve outside weights, activations and KV: CUDA context, cuBLAS workspace, NCCL buffers.</summary>
    /// <remarks>aiconfigurator h100_sxm.yaml <c>misc.nccl_mem</c>: 342–392 MB for TP 2–8; plus ~0.6 GB CUDA context (assumed) → 1 GiB.</remarks>
    public const long FixedReserveBytes = 1L << 30;

    /// <summary>Tokens in the profiling forward pass that sizes the activation reserve.</summary>
    /// <remarks>vLLM's default <c>max_num_batched_tokens</c> under chunked prefill for online serving is 8192 (vLLM V1 engine args, assumed here).</remarks>
    public const int ActivationProfileTokens = 8192;

    /// <summary>Largest power-of-two GPU count the hint searches.</summary>
    public const int MaxHintGpus = 1 << 16;
}
