namespace DesSim.Core.Parallelism;

/// <summary>The valid ranges of the parallel degrees, shared by the scenario reader (<c>parallelism:</c>) and the CLI flags
/// (<c>dessim memory --tp/--pp/--ep/--cp/--dp</c>); docs/scenarios.md, Valid ranges.</summary>
/// <remarks>Why these bounds: no serving stack shards one model more than a few hundred ways, so 4,096 per degree is far
/// beyond any real layout while keeping every GPU count of a layout (tp · pp · cp · dp) well inside a 32-bit integer.</remarks>
public static class ParallelLimits
{
    /// <summary>Largest tp, pp, ep or cp.</summary>
    public const int MaxDegree = 4096;

    /// <summary>Largest dp (data-parallel replicas).</summary>
    public const int MaxReplicas = 1 << 20;

    /// <summary>Largest GPU count of one layout (tp · pp · cp · dp).</summary>
    public const long MaxGpus = 1 << 24;
}
