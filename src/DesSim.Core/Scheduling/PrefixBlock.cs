namespace DesSim.Core.Scheduling;

/// <summary>One cached unit of KV: its chained key, the running sequences holding it, and its place in the LRU list
/// while nothing holds it.</summary>
internal sealed class PrefixBlock(ulong key) : ILruNode<PrefixBlock>
{
    /// <summary>The chained key (<see cref="PrefixKeys"/>).</summary>
    public ulong Key { get; } = key;

    /// <summary>Sequences holding it; 0 means evictable.</summary>
    public int RefCount { get; set; }

    /// <summary>The next older evictable unit (toward the LRU head), while evictable.</summary>
    public PrefixBlock? Older { get; set; }

    /// <summary>The next newer evictable unit (toward the LRU tail), while evictable.</summary>
    public PrefixBlock? Newer { get; set; }
}
