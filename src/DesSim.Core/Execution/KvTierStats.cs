namespace DesSim.Core.Execution;

/// <summary>What one KV tier did over a run, summed over the replicas' own instances of it (a shared store once).</summary>
/// <param name="Name"><c>cpu</c> or <c>disk</c>.</param>
/// <param name="Shared">Whether it is one store shared by every replica.</param>
/// <param name="CapacityBlocks">Cache blocks it holds, over its instances.</param>
/// <param name="HitBlocks">Blocks found here at requests' first lookups (after the GPU cache missed them).</param>
/// <param name="LoadedBlocks">Blocks loaded back to GPUs from here, every admission (re-admissions after preemption too).</param>
/// <param name="WrittenBlocks">Blocks written here (evicted from the GPU, or from the tier above).</param>
/// <param name="EvictedBlocks">Blocks evicted from here (to the next tier, or dropped from the last).</param>
/// <param name="BytesLoaded">Bytes loaded from here.</param>
/// <param name="BytesWritten">Bytes written here.</param>
/// <param name="Loads">Loads (one per admission and tier).</param>
/// <param name="LoadNanoseconds">Sum over loads of issue-to-landing time (queueing included), ns.</param>
public sealed record KvTierStats(string Name, bool Shared, long CapacityBlocks, long HitBlocks, long LoadedBlocks, long WrittenBlocks, long EvictedBlocks, long BytesLoaded, long BytesWritten, long Loads, long LoadNanoseconds)
{
    /// <summary>Mean issue-to-landing time of a load, ms (0 without loads).</summary>
    public double MeanLoadMs => Loads > 0 ? LoadNanoseconds / 1e6 / Loads : 0;

    internal static KvTierStats Sum(string name, IEnumerable<KvTier> tiers)
    {
        var list = tiers.ToList();
        return new KvTierStats(name, list[0].Spec.Shared, list.Sum(t => t.CapacityUnits), list.Sum(t => t.HitUnits), list.Sum(t => t.LoadedUnits), list.Sum(t => t.WrittenUnits),
            list.Sum(t => t.EvictedUnits), list.Sum(t => t.BytesRead), list.Sum(t => t.BytesWritten), list.Sum(t => t.Loads), list.Sum(t => t.LoadNanoseconds));
    }
}
