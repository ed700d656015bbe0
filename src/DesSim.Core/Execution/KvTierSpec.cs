using DesSim.Core.Units;

namespace DesSim.Core.Execution;

/// <summary>One KV-cache tier below GPU memory (scenario <c>kv_tiers.cpu</c> or <c>kv_tiers.disk</c>; docs/prefix-caching.md).</summary>
/// <param name="Name"><c>cpu</c> (host DRAM) or <c>disk</c> (local NVMe), in lookup order.</param>
/// <param name="CapacityBytes">Capacity per replica, or of the whole store when <paramref name="Shared"/>; bytes.</param>
/// <param name="ReadBandwidth">The medium's read bandwidth; null: not a bottleneck (host DRAM) or the
/// tier's default (<see cref="KvTierDefaults"/>).</param>
/// <param name="WriteBandwidth">The medium's write bandwidth; null as for reads.</param>
/// <param name="LatencySeconds">Fixed latency added to every move to or from the tier, seconds.</param>
/// <param name="Shared">One store every replica reaches over its GPUs' NICs (LMCache server, Mooncake Store), instead of
/// one tier per replica behind its GPUs' host links.</param>
public sealed record KvTierSpec(string Name, long CapacityBytes, BytesPerSecond? ReadBandwidth, BytesPerSecond? WriteBandwidth, double LatencySeconds, bool Shared);
