namespace DesSim.Core.Metrics;

/// <summary>One cache tier's share of the prefix hits and its traffic: an entry of <c>prefix_cache.tiers</c> in
/// summary.json (docs/metrics.md). The <c>gpu</c> entry has hits only; lower tiers (<c>cpu</c>, <c>disk</c>) their moves too.</summary>
/// <param name="Name"><c>gpu</c>, <c>cpu</c> or <c>disk</c>.</param>
/// <param name="Shared">One store every replica reaches over the network (lower tiers only).</param>
/// <param name="CapacityBlocks">Cache blocks it holds over its instances (0 for <c>gpu</c>: it shares the KV pool with running requests).</param>
/// <param name="HitTokens">Prompt tokens found here at first admissions.</param>
/// <param name="HitBlocks">Prompt blocks found here at first admissions.</param>
/// <param name="LoadedBlocks">Blocks loaded back to GPUs from here (every admission).</param>
/// <param name="WrittenBlocks">Blocks written here.</param>
/// <param name="EvictedBlocks">Blocks evicted from here.</param>
/// <param name="BytesLoaded">Bytes loaded from here.</param>
/// <param name="BytesWritten">Bytes written here.</param>
/// <param name="Loads">Loads from here.</param>
/// <param name="MeanLoadMs">Mean issue-to-landing time of a load (queueing included), ms.</param>
public sealed record PrefixTierSummary(string Name, bool Shared, long CapacityBlocks, long HitTokens, long HitBlocks, long LoadedBlocks, long WrittenBlocks, long EvictedBlocks, long BytesLoaded, long BytesWritten, long Loads, double MeanLoadMs);
