namespace DesSim.Core.Execution;

/// <summary>How a prefilled request picks its decode instance (<c>disaggregation.router.decode</c>); only instances whose KV
/// cache has room for the request are candidates.</summary>
public enum DecodeRouterKind
{
    /// <summary>The instance with the smallest fraction of its KV blocks in use (lowest index on ties).</summary>
    LeastKv,

    /// <summary>The next instance in order that has room.</summary>
    RoundRobin,

    /// <summary>The instance with the fewest outstanding requests (lowest index on ties).</summary>
    LeastOutstanding,
}
