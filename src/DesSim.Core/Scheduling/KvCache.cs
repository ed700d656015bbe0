namespace DesSim.Core.Scheduling;

/// <summary>A replica's paged KV cache, counted in fixed-size blocks.</summary>
/// <remarks>Capacity comes from the memory planner. Blocks are interchangeable, so only counts are kept.
/// Invariant: 0 ≤ <see cref="UsedBlocks"/> ≤ <see cref="CapacityBlocks"/>; <see cref="PeakUsedBlocks"/> records the maximum.</remarks>
public sealed class KvCache
{
    /// <summary>Creates a cache of <paramref name="capacityBlocks"/> blocks of <paramref name="blockSizeTokens"/> tokens.</summary>
    public KvCache(long capacityBlocks, int blockSizeTokens)
    {
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

        UsedBlocks += need;
        sequence.AllocatedBlocks += need;
        if (UsedBlocks > PeakUsedBlocks)
        {
            PeakUsedBlocks = UsedBlocks;
        }

        return true;
    }

    /// <summary>Frees all blocks of <paramref name="sequence"/>.</summary>
    public void Release(Sequence sequence)
    {
        UsedBlocks -= sequence.AllocatedBlocks;
        sequence.AllocatedBlocks = 0;
        if (UsedBlocks < 0)
        {
            throw new InvalidOperationException("KV cache released more blocks than were allocated");
        }
    }
}
