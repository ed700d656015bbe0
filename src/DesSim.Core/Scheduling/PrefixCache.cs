namespace DesSim.Core.Scheduling;

/// <summary>The prefix index of one KV pool: which cached units exist, who holds them, and the LRU order of those nobody
/// holds (evictable).</summary>
/// <remarks>
/// Semantics follow vLLM V1's block pool (vllm/v1/core/block_pool.py and kv_cache_manager.py, v0.8.0–v0.12.0):
/// a unit is cached once its tokens are computed; a later request reuses the longest run of leading units found, at most
/// <c>num_tokens − 1</c> tokens (<c>max_cache_hit_length</c>: the last token is always recomputed for its logits);
/// reused units are held (<c>ref_cnt</c> + 1) and leave the free queue; a finished or preempted request releases its units
/// in reverse order to the tail of the free queue, so its last units are evicted first; a unit is evicted (its key dropped)
/// only when a new block is needed and no never-cached block is free. Deviation: vLLM's queue also holds freed
/// un-hashed blocks among the cached ones; DesSim hands those out first (SGLang's radix cache does the same: it evicts
/// only when the free pool is short, python/sglang/srt/mem_cache/radix_cache.py <c>evict</c>, v0.5).
/// Units are <see cref="UnitTokens"/> tokens = <see cref="BlocksPerUnit"/> engine blocks (one block, except for
/// SGLang's 1-token pages, indexed in <see cref="MinUnitTokens"/>-token units). Memory: one entry per cached unit,
/// bounded by the pool's capacity, never by the trace.
/// </remarks>
public sealed class PrefixCache
{
    /// <summary>Smallest indexed unit, tokens. Why: SGLang's page size 1 would make one entry per token; the workloads'
    /// identities are no finer than 16 tokens (synthetic sessions) or 512 (Mooncake), so nothing is lost.</summary>
    public const int MinUnitTokens = 16;

    private readonly Dictionary<ulong, PrefixBlock> _index = [];
    private readonly LruList<PrefixBlock> _evictable = new();

    /// <summary>Creates an empty index for a pool of <paramref name="blockSizeTokens"/>-token blocks.</summary>
    public PrefixCache(int blockSizeTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSizeTokens);
        BlocksPerUnit = (MinUnitTokens + blockSizeTokens - 1) / blockSizeTokens;
        UnitTokens = BlocksPerUnit * blockSizeTokens;
    }

    /// <summary>Tokens per indexed unit.</summary>
    public int UnitTokens { get; }

    /// <summary>Engine blocks per indexed unit.</summary>
    public int BlocksPerUnit { get; }

    /// <summary>The KV tiers below this cache (evicted units go there, lookups continue there), or null when none.</summary>
    public ILowerKvTiers? Lower { get; set; }

    /// <summary>Units cached (held or evictable).</summary>
    public int CachedUnits => _index.Count;

    /// <summary>Cached units no running sequence holds.</summary>
    public long EvictableUnits { get; private set; }

    /// <summary>Blocks of the evictable units.</summary>
    public long EvictableBlocks => EvictableUnits * BlocksPerUnit;

    /// <summary>Units evicted so far.</summary>
    public long EvictedUnits { get; private set; }

    /// <summary>Prompt tokens looked up at requests' first admissions.</summary>
    public long QueriedTokens { get; internal set; }

    /// <summary>Of <see cref="QueriedTokens"/>, tokens found cached (in this cache or a tier below it).</summary>
    public long HitTokens { get; internal set; }

    /// <summary>Prompt units looked up at first admissions (<c>ceil(prompt / UnitTokens)</c> each).</summary>
    public long QueriedUnits { get; internal set; }

    /// <summary>Of <see cref="QueriedUnits"/>, units found cached (in this cache or a tier below it).</summary>
    public long HitUnits { get; internal set; }

    /// <summary>Prefill tokens not computed thanks to hits, over every admission (re-admissions after preemption included).</summary>
    public long SavedTokens { get; internal set; }

    /// <summary>The evictable units from least to most recently released (the eviction order).</summary>
    public IEnumerable<ulong> EvictionOrder()
    {
        foreach (var b in _evictable.InOrder())
        {
            yield return b.Key;
        }
    }

    /// <summary>Whether a unit with <paramref name="key"/> is cached.</summary>
    public bool Contains(ulong key) => _index.ContainsKey(key);

    /// <summary>The leading units of <paramref name="keys"/> found, at most <paramref name="maxUnits"/>.</summary>
    internal PrefixMatch Match(ulong[] keys, int maxUnits)
    {
        int n = Math.Min(keys.Length, maxUnits);
        int units = 0, referenced = 0;
        while (units < n && _index.TryGetValue(keys[units], out var b))
        {
            units++;
            referenced += b.RefCount > 0 ? 1 : 0;
        }

        return new PrefixMatch(units, referenced, units * UnitTokens);
    }

    /// <summary>Holds the first <paramref name="units"/> units of <paramref name="s"/>'s keys (found by <see cref="Match"/>).</summary>
    internal void Acquire(Sequence s, int units)
    {
        var keys = s.PrefixKeys!;
        for (int i = 0; i < units; i++)
        {
            var b = _index[keys[i]];
            if (b.RefCount == 0)
            {
                Unlink(b);
                EvictableUnits--;
            }

            b.RefCount++;
            s.HeldUnits.Add(b);
        }

        s.RegisteredUnits = units;
    }

    /// <summary>Caches the units <paramref name="s"/> has computed up to <paramref name="units"/>; a unit another sequence
    /// cached meanwhile stays private to <paramref name="s"/>.</summary>
    internal void Register(Sequence s, int units)
    {
        var keys = s.PrefixKeys!;
        for (int j = s.RegisteredUnits; j < units; j++)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_index, keys[j], out bool exists);
            if (!exists)
            {
                slot = new PrefixBlock(keys[j]) { RefCount = 1 };
                s.HeldUnits.Add(slot);
            }
        }

        s.RegisteredUnits = Math.Max(s.RegisteredUnits, units);
    }

    /// <summary>Releases every unit <paramref name="s"/> holds, newest first; returns how many became evictable.</summary>
    internal int Release(Sequence s)
    {
        var held = s.HeldUnits;
        int freed = 0;
        for (int i = held.Count - 1; i >= 0; i--)
        {
            var b = held[i];
            if (--b.RefCount == 0)
            {
                Append(b);
                EvictableUnits++;
                freed++;
            }
            else if (b.RefCount < 0)
            {
                throw new InvalidOperationException("prefix cache released a unit more often than it was held");
            }
        }

        held.Clear();
        s.RegisteredUnits = 0;
        return freed;
    }

    /// <summary>Evicts the <paramref name="units"/> least recently released evictable units.</summary>
    internal void Evict(long units)
    {
        for (long i = 0; i < units; i++)
        {
            var b = _evictable.Oldest ?? throw new InvalidOperationException("prefix cache has nothing left to evict");
            Unlink(b);
            _index.Remove(b.Key);
            EvictableUnits--;
            EvictedUnits++;
            Lower?.OnEvicted(b.Key);
        }
    }

    /// <summary>Drops every cached unit (the GPU's memory is lost); nothing may be held.</summary>
    internal void Clear()
    {
        if (EvictableUnits != _index.Count)
        {
            throw new InvalidOperationException("prefix cache cleared while units are held");
        }

        _index.Clear();
        _evictable.Clear();
        EvictableUnits = 0;
    }

    private void Append(PrefixBlock b) => _evictable.Append(b);

    private void Unlink(PrefixBlock b) => _evictable.Unlink(b);
}
