namespace DesSim.Core.Workload;

/// <summary>The public trace formats DesSim replays as-is.</summary>
/// <remarks>See docs/workload.md for each format's columns and time units.</remarks>
public enum TraceFormat
{
    /// <summary>Detect from the extension and header.</summary>
    Auto,

    /// <summary>Azure LLM inference CSV: <c>TIMESTAMP,ContextTokens,GeneratedTokens</c> (wall clock).</summary>
    Azure,

    /// <summary>Vidur CSV: <c>arrived_at,num_prefill_tokens,num_decode_tokens</c> (seconds).</summary>
    Vidur,

    /// <summary>Mooncake JSONL: <c>timestamp</c> (ms), <c>input_length</c>, <c>output_length</c>, <c>hash_ids</c>.</summary>
    Mooncake,

    /// <summary>BurstGPT CSV: <c>Timestamp</c> (s), <c>Model</c>, <c>Request tokens</c>, <c>Response tokens</c>, …</summary>
    BurstGpt,

    /// <summary>SplitwiseSim CSV: <c>request_id,…,arrival_timestamp,…,prompt_size,token_size</c> (seconds).</summary>
    Splitwise,

    /// <summary>Generic CSV: <c>arrival_s,input_tokens,output_tokens[,request_id]</c>.</summary>
    Generic,
}
