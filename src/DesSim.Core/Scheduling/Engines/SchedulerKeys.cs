namespace DesSim.Core.Scheduling.Engines;

/// <summary>The generic <c>scheduler:</c> keys a scenario set (null: take the engine's default for its version and GPU).</summary>
/// <param name="MaxNumSeqs"><c>max_num_seqs</c> (TensorRT-LLM <c>max_batch_size</c>, SGLang <c>max_running_requests</c>).</param>
/// <param name="MaxNumBatchedTokens"><c>max_num_batched_tokens</c> (TensorRT-LLM <c>max_num_tokens</c>, SGLang <c>chunked_prefill_size</c>).</param>
public sealed record SchedulerKeys(int? MaxNumSeqs, int? MaxNumBatchedTokens)
{
    /// <summary>Nothing set.</summary>
    public static readonly SchedulerKeys None = new(null, null);
}
