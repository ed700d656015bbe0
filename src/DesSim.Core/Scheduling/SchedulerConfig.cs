namespace DesSim.Core.Scheduling;

/// <summary>Limits of a replica's scheduler, and the engine-specific knobs the engine's batching policy reads.</summary>
/// <remarks>
/// <see cref="MaxNumSeqs"/> bounds the sequences in one micro-batch (vLLM's <c>max_num_seqs</c>, TensorRT-LLM's
/// <c>max_batch_size</c>, SGLang's <c>max_running_requests</c>; with pipeline parallelism each of the <c>pp</c>
/// micro-batches in flight has this limit, as vLLM's virtual engines do). <see cref="MaxNumBatchedTokens"/> bounds the new
/// tokens of one micro-batch (vLLM's <c>max_num_batched_tokens</c>, TensorRT-LLM's <c>max_num_tokens</c>, SGLang's
/// <c>chunked_prefill_size</c>). Under the V0 <see cref="BatchPolicyKind.Vllm"/> policy a prefill longer than the budget
/// still runs whole (vLLM V0 raises the budget to max_model_len). The knobs below default to "off"; the engine models in
/// Scheduling/Engines set them per engine and version (docs/engines.md).
/// </remarks>
public sealed record SchedulerConfig(
    BatchPolicyKind Policy = BatchPolicyKind.Vllm,
    int MaxNumSeqs = SchedulerConfig.DefaultMaxNumSeqs,
    int MaxNumBatchedTokens = SchedulerConfig.DefaultMaxNumBatchedTokens)
{
    /// <summary>vLLM's default <c>max_num_seqs</c> (vllm/engine/arg_utils.py, v0.6).</summary>
    public const int DefaultMaxNumSeqs = 256;

    /// <summary>A common chunked-prefill budget (vLLM's default for chunked prefill is 2048–8192 depending on version).</summary>
    public const int DefaultMaxNumBatchedTokens = 8192;

    /// <summary>vLLM V1 <c>long_prefill_token_threshold</c>: a prefill step takes at most this many tokens of one request; 0 = off.</summary>
    public int LongPrefillTokenThreshold { get; init; }

    /// <summary>TensorRT-LLM <c>enable_chunked_prefill</c> (chunked context): a context may be split to fit the token budget.</summary>
    public bool ChunkedContext { get; init; }

    /// <summary>TensorRT-LLM capacity scheduler GUARANTEED_NO_EVICT: admit only when KV for prompt plus maximum output fits; never preempt.</summary>
    public bool GuaranteedNoEvict { get; init; } = true;

    /// <summary>TensorRT-LLM's overlap scheduler (PyTorch backend): the executor fetches new requests for a step while the
    /// step before it runs, so a request that arrives during a busy step waits one more step (see
    /// <see cref="Engines.Trtllm.TrtllmPolicy"/>). Off by default.</summary>
    public bool OverlapFetch { get; init; }

    /// <summary>Automatic prefix caching (vLLM <c>enable_prefix_caching</c>, SGLang's radix cache, TensorRT-LLM
    /// <c>enable_block_reuse</c>): admitted requests reuse cached KV of a matching prefix (docs/prefix-caching.md).
    /// Off by default here; each engine model sets its own default.</summary>
    public bool EnablePrefixCaching { get; init; }

    /// <summary>SGLang admission: the new-token ratio and its decay (see <see cref="SglangAdmission"/>).</summary>
    public SglangAdmission Sglang { get; init; } = SglangAdmission.Default;
}
