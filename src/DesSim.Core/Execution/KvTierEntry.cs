namespace DesSim.Core.Execution;

/// <summary>One unit held by a KV tier: its key, when its data has landed there, and its place in the tier's LRU list.</summary>
internal sealed class KvTierEntry(ulong key, long readyNanoseconds) : Scheduling.ILruNode<KvTierEntry>
{
    public ulong Key { get; } = key;

    /// <summary>When the write that brought it here has landed, ns (a load of it starts no earlier).</summary>
    public long ReadyNanoseconds { get; set; } = readyNanoseconds;

    public KvTierEntry? Older { get; set; }

    public KvTierEntry? Newer { get; set; }
}
