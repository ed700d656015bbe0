namespace DesSim.Core.Execution;

/// <summary>One KV tier's index (per replica, or one shared by every replica): the units it holds in LRU order, bounded by
/// its capacity, and what moved in and out of it.</summary>
/// <remarks>Memory: one entry per unit held, at most <see cref="CapacityUnits"/>. A unit inserted when the tier is full
/// evicts the least recently used one (returned to the caller, which writes it to the next tier). A hit (a load) makes
/// the unit the most recently used.</remarks>
internal sealed class KvTier
{
    private readonly Dictionary<ulong, KvTierEntry> _index = [];
    private readonly Scheduling.LruList<KvTierEntry> _recency = new();

    public KvTier(KvTierSpec spec, long capacityUnits, TierServer? medium)
    {
        Spec = spec;
        CapacityUnits = capacityUnits;
        Medium = medium;
    }

    public KvTierSpec Spec { get; }

    public long CapacityUnits { get; }

    /// <summary>The medium's own server (a disk, a shared store); null when only the links bound it (host DRAM).</summary>
    public TierServer? Medium { get; }

    public int Count => _index.Count;

    /// <summary>Units found here at requests' first lookups.</summary>
    public long HitUnits { get; set; }

    /// <summary>Units loaded from here, every admission.</summary>
    public long LoadedUnits { get; set; }

    /// <summary>Units written here (write-backs of evicted units).</summary>
    public long WrittenUnits { get; set; }

    /// <summary>Units evicted from here (to the next tier, or dropped from the last).</summary>
    public long EvictedUnits { get; set; }

    /// <summary>Loads issued from here (one per request and tier).</summary>
    public long Loads { get; set; }

    /// <summary>Sum over loads of issue-to-landing time, ns.</summary>
    public long LoadNanoseconds { get; set; }

    public long BytesRead { get; set; }

    public long BytesWritten { get; set; }

    public bool Contains(ulong key) => _index.ContainsKey(key);

    public KvTierEntry? Find(ulong key) => _index.GetValueOrDefault(key);

    /// <summary>Makes <paramref name="e"/> the most recently used.</summary>
    public void Touch(KvTierEntry e)
    {
        Unlink(e);
        Append(e);
    }

    /// <summary>Adds <paramref name="key"/> (ready at <paramref name="readyNanoseconds"/>); returns the entry evicted to make
    /// room, or null. The caller checked the key is absent.</summary>
    public KvTierEntry? Insert(ulong key, long readyNanoseconds)
    {
        KvTierEntry? evicted = null;
        if (_index.Count >= CapacityUnits)
        {
            evicted = _recency.Oldest!;
            Unlink(evicted);
            _index.Remove(evicted.Key);
            EvictedUnits++;
        }

        var e = new KvTierEntry(key, readyNanoseconds);
        _index.Add(key, e);
        Append(e);
        WrittenUnits++;
        return evicted;
    }

    /// <summary>Drops everything (the replica holding it failed).</summary>
    public void Clear()
    {
        _index.Clear();
        _recency.Clear();
    }

    /// <summary>Keys from least to most recently used (the eviction order).</summary>
    public IEnumerable<ulong> EvictionOrder()
    {
        foreach (var e in _recency.InOrder())
        {
            yield return e.Key;
        }
    }

    private void Append(KvTierEntry e) => _recency.Append(e);

    private void Unlink(KvTierEntry e) => _recency.Unlink(e);
}
