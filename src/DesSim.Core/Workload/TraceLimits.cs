namespace DesSim.Core.Workload;

/// <summary>Sanity limits on trace values.</summary>
public static class TraceLimits
{
    /// <summary>Token counts above this are rejected as absurd. Why 10 M: the longest context windows offered today are ~10 M tokens (Llama 4 Scout).</summary>
    public const int MaxTokens = 10_000_000;
}
