namespace DesSim.Core.Parallelism;

/// <summary>What a pool of serving instances does.</summary>
public enum PoolRole
{
    /// <summary>Prefill and decode on the same instances (no disaggregation).</summary>
    Colocated,

    /// <summary>Prefill only: produces the first token, then hands the KV cache to a decode instance.</summary>
    Prefill,

    /// <summary>Decode only: receives a prefilled request's KV cache and generates the remaining tokens.</summary>
    Decode,
}
