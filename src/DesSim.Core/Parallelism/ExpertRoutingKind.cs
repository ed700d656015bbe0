namespace DesSim.Core.Parallelism;

/// <summary>How tokens pick experts when routing is sampled (expert parallelism).</summary>
public enum ExpertRoutingKind
{
    /// <summary>Every expert equally likely.</summary>
    Uniform,

    /// <summary>Expert i (1-based) has probability ∝ i^−exponent.</summary>
    Zipf,

    /// <summary>Explicit per-expert weights, normalized.</summary>
    Popularity,
}
