using DesSim.Core.Units;

namespace DesSim.Core.Execution;

/// <summary>The KV tiers below GPU memory of one pool's replicas and the links that reach them.</summary>
/// <param name="Tiers">Tiers in lookup and eviction order (<c>cpu</c>, then <c>disk</c>).</param>
/// <param name="KvBytesPerTokenPerGpu">KV bytes per token each GPU of a replica holds (its layers, its heads); a unit moves
/// from every GPU of the replica in parallel.</param>
/// <param name="HostLink">Each GPU's host (PCIe) link, per direction.</param>
/// <param name="Nic">Each GPU's NIC, per direction (shared tiers).</param>
/// <param name="NicLatencySeconds">One NIC hop's latency, seconds (a shared-tier move crosses two).</param>
public sealed record KvTierConfig(IReadOnlyList<KvTierSpec> Tiers, long KvBytesPerTokenPerGpu, BytesPerSecond HostLink, BytesPerSecond Nic, double NicLatencySeconds);
