namespace DesSim.Core.Scheduling;

/// <summary>Limits of a replica's scheduler.</summary>
/// <remarks>
/// <see cref="MaxNumSeqs"/> bounds the sequences in one micro-batch (vLLM's <c>max_num_seqs</c>; with pipeline
/// parallelism each of the <c>pp</c> micro-batches in flight has this limit, as vLLM's virtual engines do).
/// <see cref="MaxNumBatchedTokens"/> bounds the new tokens of one micro-batch (the chunk budget for sarathi).
/// A vLLM prefill longer than the budget still runs whole (vLLM raises the budget to max_model_len).
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
}
