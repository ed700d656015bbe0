namespace DesSim.Core.Scheduling;

/// <summary>How requests are spread over data-parallel replicas.</summary>
public enum RouterKind
{
    /// <summary>Replica 0, 1, …, dp−1, 0, …</summary>
    RoundRobin,

    /// <summary>The replica with the fewest outstanding requests (lowest index on ties).</summary>
    LeastOutstanding,

    /// <summary>Two replicas drawn at random; the one with fewer outstanding tokens (prompt + remaining output).</summary>
    PowerOfTwo,

    /// <summary>The replica with the least prefill left after its cached prefix, plus load (<see cref="PrefixRouterOptions"/>).</summary>
    PrefixAware,
}
