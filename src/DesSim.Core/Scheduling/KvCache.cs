namespace DesSim.Core.Scheduling;

/// <summary>A replica's paged KV cache, counted in fixed-size blocks.</summary>
/// <remarks>Capacity comes from the memory planner. Blocks are interchangeable, so only counts are kept.
/// Invariant: 0 ≤ <see cref="UsedBlocks"/> ≤ <see cref="CapacityBlocks"/>; <see cref="PeakUsedBlocks"/> records the maximum.</remarks>
public sealed class KvCache
{
    private readonly KvCache? _pool;

    /// <summary>Creates a cache of <paramref name="capacityBlocks"/> blocks of <paramref name="blockSizeTokens"/> tokens.</summary>
    /// <param name="capacityBlocks">Blocks this cache may hand out.</param>
    /// <param name="blockSizeTokens">Tokens per block.</param>
    /// <param name="pool">A cache this one is a partition of (a replica's cache split among its virtual engines): its
    /// used and peak counts follow every allocation here. Null when this cache stands alone.</param>
    public KvCache(long capacityBlocks, int blockSizeTokens, KvCache? pool = null)
    {
        _pool = pool;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBlocks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSizeTokens);
        CapacityBlocks = capacityBlocks;
        BlockSizeTokens = blockSizeTokens;
    }

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

        Add(need);
        sequence.AllocatedBlocks += need;
        return true;
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
        Add(-sequence.AllocatedBlocks);
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
