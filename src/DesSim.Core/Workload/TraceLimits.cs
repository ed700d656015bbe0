namespace DesSim.Core.Workload;

/// <summary>Sanity limits on trace values.</summary>
public static class TraceLimits
{
    /// <summary>Token counts above this are rejected as absurd. Why 10 M: the longest context windows offered today are ~10 M tokens (Llama 4 Scout).</summary>
    public const int MaxTokens = 10_000_000;

    /// <summary>Synthetic request counts above this are rejected as absurd. Why 10⁹: at ~10⁶ simulated requests per
    /// minute of wall time a billion already takes most of a day; a larger count is a typo (e.g. 1e15).</summary>
    public const long MaxSyntheticRequests = 1_000_000_000;
}
