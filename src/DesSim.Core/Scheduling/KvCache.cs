namespace DesSim.Core.Scheduling;

/// <summary>A replica's paged KV cache, counted in fixed-size blocks.</summary>
/// <remarks>Capacity comes from the memory planner. Blocks are interchangeable, so only counts are kept.
/// Invariant: 0 ≤ <see cref="UsedBlocks"/> ≤ <see cref="CapacityBlocks"/>; <see cref="PeakUsedBlocks"/> records the maximum.
/// With a <see cref="Prefix"/> index, <see cref="UsedBlocks"/> counts the blocks running sequences hold (a shared cached
/// block once); cached blocks nobody holds count as free, as in vLLM V1 (<c>get_num_free_blocks</c> includes eviction
/// candidates), and are evicted when a new block finds no never-cached free one.</remarks>
public sealed class KvCache
{
    private readonly KvCache? _pool;

    /// <summary>Creates a cache of <paramref name="capacityBlocks"/> blocks of <paramref name="blockSizeTokens"/> tokens.</summary>
    /// <param name="capacityBlocks">Blocks this cache may hand out.</param>
    /// <param name="blockSizeTokens">Tokens per block.</param>
    /// <param name="pool">A cache this one is a partition of (a replica's cache split among its virtual engines): its
    /// used and peak counts follow every allocation here. Null when this cache stands alone.</param>
    /// <param name="prefix">The prefix index of this pool, or null when prefix caching is off.</param>
    public KvCache(long capacityBlocks, int blockSizeTokens, KvCache? pool = null, PrefixCache? prefix = null)
    {
        _pool = pool;
        Prefix = prefix;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBlocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSizeTokens);
        CapacityBlocks = capacityBlocks;
        BlockSizeTokens = blockSizeTokens;
    }

    /// <summary>The prefix index, or null when prefix caching is off.</summary>
    public PrefixCache? Prefix { get; }

    /// <summary>Total blocks.</summary>
    public long CapacityBlocks { get; }

    /// <summary>Tokens per block.</summary>
    public int BlockSizeTokens { get; }

    /// <summary>Blocks in use.</summary>
    public long UsedBlocks { get; private set; }

    /// <summary>Most blocks ever in use at once.</summary>
    public long PeakUsedBlocks { get; private set; }

    /// <summary>Blocks free.</summary>
    public long FreeBlocks => CapacityBlocks - UsedBlocks;

    /// <summary>Capacity in tokens.</summary>
    public long CapacityTokens => CapacityBlocks * BlockSizeTokens;

    /// <summary>Fraction of blocks in use.</summary>
    public double Occupancy => UsedBlocks / (double)CapacityBlocks;

    /// <summary>Blocks needed to hold <paramref name="tokens"/> tokens.</summary>
    public int BlocksFor(int tokens) => (int)((tokens + (long)BlockSizeTokens - 1) / BlockSizeTokens);

    /// <summary>Grows <paramref name="sequence"/>'s allocation to hold <paramref name="tokens"/>; false (and no change) if blocks run out.</summary>
    public bool TryReserve(Sequence sequence, int tokens)
    {
        int need = BlocksFor(tokens) - sequence.AllocatedBlocks;
        if (need <= 0)
        {
            return true;
        }

        if (need > FreeBlocks)
        {
            return false;
        }

        Take(need);
        sequence.AllocatedBlocks += need;
        return true;
    }

    /// <summary>The cached prefix <paramref name="sequence"/> would reuse if admitted now (<see cref="PrefixMatch.None"/>
    /// without an index or an identity). Pure: nothing changes until <see cref="TryReserve(Sequence, int, in PrefixMatch)"/>.</summary>
    public PrefixMatch Match(Sequence sequence)
    {
        if (Prefix is null || sequence.Request.Prefix is not { } identity)
        {
            return PrefixMatch.None;
        }

        if (sequence.PrefixKeys is null || sequence.PrefixKeyUnitTokens != Prefix.UnitTokens)
        {
            // Why the unit check: a request retried on a pool of another block size needs keys of that size.
            sequence.PrefixKeys = PrefixKeys.For(identity, Prefix.UnitTokens);
            sequence.PrefixKeyUnitTokens = Prefix.UnitTokens;
        }

        var keys = sequence.PrefixKeys;
        int target = sequence.PromptTokens + sequence.GeneratedTokens;
        int max = Math.Min(keys.Length, (target - 1) / Prefix.UnitTokens);
        var gpu = Prefix.Match(keys, max);
        if (Prefix.Lower is not { } lower || gpu.Units >= max)
        {
            return gpu;
        }

        // Why after the GPU run: the chain continues in the tiers below (vLLM's connector and SGLang's HiCache look up the
        // external/host cache for the tokens after the device hit).
        int below = lower.Match(keys, gpu.Units, max - gpu.Units);
        return below == 0 ? gpu : gpu with { LowerUnits = below, Tokens = (gpu.Units + below) * Prefix.UnitTokens };
    }

    /// <summary>Admits a waiting <paramref name="sequence"/> with <paramref name="tokens"/> cached-or-computed tokens, reusing
    /// <paramref name="hit"/> (from <see cref="Match"/>): its hit units are held, the rest allocated, and its context starts
    /// at the hit. False (and no change) if the blocks do not fit.</summary>
    public bool TryReserve(Sequence sequence, int tokens, in PrefixMatch hit) => Reserve(sequence, tokens, hit, 0);

    /// <summary>As <see cref="TryReserve(Sequence, int, in PrefixMatch)"/>, leaving <see cref="WatermarkBlocks"/> free (vLLM V0's <c>can_allocate</c>).</summary>
    public bool TryAdmit(Sequence sequence, int tokens, in PrefixMatch hit) => Reserve(sequence, tokens, hit, WatermarkBlocks);

    /// <summary>Caches the units <paramref name="sequence"/> has computed (its context so far); nothing without an index.</summary>
    public void Register(Sequence sequence)
    {
        if (Prefix is null || sequence.PrefixKeys is not { } keys)
        {
            return;
        }

        int units = Math.Min(sequence.ContextTokens / Prefix.UnitTokens, keys.Length);
        if (units > sequence.RegisteredUnits)
        {
            Prefix.Register(sequence, units);
        }
    }

    /// <summary>Drops every cached block (the replica failed); every sequence must have been released.</summary>
    public void ClearPrefix() => Prefix?.Clear();

    private bool Reserve(Sequence sequence, int tokens, in PrefixMatch hit, long keepFree)
    {
        if (Prefix is null)
        {
            return keepFree > 0 ? TryAdmit(sequence, tokens) : TryReserve(sequence, tokens);
        }

        if (sequence.AllocatedBlocks != 0)
        {
            throw new InvalidOperationException("a sequence reusing a prefix must hold no blocks yet");
        }

        int bpu = Prefix.BlocksPerUnit;
        long total = BlocksFor(tokens);
        long hitBlocks = (long)hit.Units * bpu;
        long reactivated = (long)(hit.Units - hit.ReferencedUnits) * bpu;
        long fresh = total - hitBlocks;
        if (fresh < 0 || FreeBlocks - (fresh + reactivated) < keepFree)
        {
            return false;
        }

        bool first = !sequence.PrefixLookedUp && sequence.PrefixKeys is not null;
        Prefix.Acquire(sequence, hit.Units);
        if (hit.LowerUnits > 0)
        {
            // Why before Take: the load is issued (and its units touched) before this reservation's evictions cascade
            // into the tiers below.
            Prefix.Lower!.Load(sequence, sequence.PrefixKeys!, hit.Units, hit.LowerUnits, first);
        }

        Add(reactivated);
        Take(fresh);
        sequence.AllocatedBlocks = (int)total;
        sequence.ContextTokens = hit.Tokens;
        Prefix.SavedTokens += hit.Tokens;
        if (first)
        {
            sequence.PrefixLookedUp = true;
            sequence.CachedTokens = hit.Tokens;
            sequence.LoadedTokens = hit.LowerUnits * Prefix.UnitTokens;
            Prefix.QueriedTokens += sequence.PromptTokens;
            Prefix.HitTokens += Math.Min(hit.Tokens, sequence.PromptTokens);
            Prefix.QueriedUnits += (sequence.PromptTokens + Prefix.UnitTokens - 1) / Prefix.UnitTokens;
            Prefix.HitUnits += hit.Units + hit.LowerUnits;
        }

        return true;
    }

    // Allocates never-cached free blocks first, then evicts least recently released cached units for the rest.
    private void Take(long blocks)
    {
        if (Prefix is { } prefix && blocks > 0)
        {
            long anonymous = CapacityBlocks - UsedBlocks - prefix.EvictableBlocks;
            if (blocks > anonymous)
            {
                prefix.Evict((blocks - anonymous + prefix.BlocksPerUnit - 1) / prefix.BlocksPerUnit);
            }
        }

        Add(blocks);
    }

    /// <summary>vLLM keeps this fraction of blocks free when admitting a new sequence, so a fresh admission does not
    /// force an immediate preemption (vllm/core/block_manager.py, <c>watermark=0.01</c>).</summary>
    public const double AdmissionWatermarkFraction = 0.01;

    /// <summary>Blocks an admission must leave free (<see cref="AdmissionWatermarkFraction"/> of the capacity).</summary>
    public long WatermarkBlocks => (long)(AdmissionWatermarkFraction * CapacityBlocks);

    /// <summary>Reserves <paramref name="tokens"/> for a sequence being admitted, only if <see cref="WatermarkBlocks"/> stay free
    /// afterwards (vLLM's <c>can_allocate</c>); false (and no change) otherwise.</summary>
    public bool TryAdmit(Sequence sequence, int tokens)
    {
        long need = BlocksFor(tokens) - sequence.AllocatedBlocks;
        return FreeBlocks - need >= WatermarkBlocks && TryReserve(sequence, tokens);
    }

    /// <summary>Frees all blocks of <paramref name="sequence"/>.</summary>
    public void Release(Sequence sequence)
    {
        if (Prefix is not null && sequence.HoldsUnits)
        {
            int held = sequence.HeldUnits.Count;
            int freed = Prefix.Release(sequence);
            Add(-(sequence.AllocatedBlocks - ((long)(held - freed) * Prefix.BlocksPerUnit)));
        }
        else
        {
            Add(-sequence.AllocatedBlocks);
            sequence.RegisteredUnits = 0;
        }

        sequence.AllocatedBlocks = 0;
    }

    private void Add(long blocks)
    {
        UsedBlocks += blocks;
        if (UsedBlocks < 0)
        {
            throw new InvalidOperationException("KV cache released more blocks than were allocated");
        }

        if (UsedBlocks > PeakUsedBlocks)
        {
            PeakUsedBlocks = UsedBlocks;
        }

        _pool?.Add(blocks);
    }
}
