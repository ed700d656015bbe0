namespace DesSim.Core.Scheduling;

/// <summary>The batching policies a replica's scheduler can run (docs/engines.md says which engine and version runs which).</summary>
public enum BatchPolicyKind
{
    /// <summary>vLLM V0 continuous batching: waiting prefills first (whole prompts), otherwise decode every running sequence.</summary>
    Vllm,

    /// <summary>Sarathi-style chunked prefill: a token budget per iteration, filled with decodes first, then prefill chunks.</summary>
    Sarathi,

    /// <summary>Static batching (FasterTransformer-style): a batch is admitted together and runs to completion before the next.</summary>
    Static,

    /// <summary>vLLM V1's unified token-budget scheduler: running requests first, then waiting ones, chunked prefill always on.</summary>
    VllmV1,

    /// <summary>SGLang: a prefill batch when its admission rule lets new requests in, otherwise a decode batch of every running request.</summary>
    Sglang,

    /// <summary>TensorRT-LLM in-flight batching: a capacity scheduler (no-evict by default) and a token-budget micro-batch scheduler.</summary>
    Trtllm,
}
