namespace DesSim.Core.Parallelism;

/// <summary>How a serving engine sizes its KV cache from GPU memory; the engine chooses it (see <see cref="KvCacheBudget"/>).</summary>
public enum KvCacheSizing
{
    /// <summary>vLLM: <c>gpu_memory_utilization</c> × total memory − weights − the activation peak of the profiling
    /// forward pass − non-torch memory.</summary>
    Vllm,

    /// <summary>TensorRT-LLM: <c>free_gpu_memory_fraction</c> of the memory still free after weights and activations.</summary>
    Trtllm,

    /// <summary>SGLang: <c>mem_fraction_static</c> × total memory holds weights and the KV pool; the rest is for activations and CUDA graphs.</summary>
    Sglang,
}
