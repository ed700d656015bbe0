namespace DesSim.Core.Execution;

/// <summary>When a prefilled request's KV cache moves to its decode instance (<c>disaggregation.kv_transfer.mode</c>).</summary>
public enum KvTransferMode
{
    /// <summary>Streamed layer by layer during the request's final prefill pass: each prefill stage sends all but its last
    /// layer while it computes, and the last layer when it finishes (Mooncake, DistServe, LMCache layerwise).</summary>
    Layerwise,

    /// <summary>Sent whole after the prefill finishes (vLLM's NIXL connector pulls the finished request's blocks).</summary>
    AfterPrefill,
}
