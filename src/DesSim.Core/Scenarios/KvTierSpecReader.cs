using DesSim.Core.Configuration;
using DesSim.Core.Execution;
using DesSim.Core.Units;

namespace DesSim.Core.Scenarios;

/// <summary>Reads <c>kv_tiers:</c> (issue #17's contract: <c>cpu: { capacity_gb, policy }</c>, <c>disk: { capacity_gb,
/// read_gbyte_s, write_gbyte_s }</c> (formerly <c>read_gbps</c>, <c>write_gbps</c>, still read with a note), <c>shared</c> on either; docs/scenarios.md, docs/prefix-caching.md).</summary>
internal static class KvTierSpecReader
{
    /// <summary>Largest tier capacity, GB: 10 PB.</summary>
    private const double MaxCapacityGb = 1e7;

    private static readonly string[] Policies = ["lru"];

    /// <summary>The tiers in lookup order (empty when <c>kv_tiers</c> is absent).</summary>
    /// <param name="root">The scenario root.</param>
    /// <param name="prefixCaching">Whether prefix caching is on (tiers hold evicted prefix blocks, so they need it).</param>
    public static IReadOnlyList<KvTierSpec> Read(YamlSection root, bool prefixCaching)
    {
        var s = root.GetSection("kv_tiers");
        if (s is null)
        {
            return [];
        }

        var tiers = new List<KvTierSpec>();
        if (s.GetSection("cpu") is { } cpu)
        {
            tiers.Add(Tier(cpu, "cpu", null, null, KvTierDefaults.CpuLatencySeconds));
        }

        if (s.GetSection("disk") is { } disk)
        {
            tiers.Add(Tier(disk, "disk", KvTierDefaults.DiskRead, KvTierDefaults.DiskWrite, KvTierDefaults.DiskLatencySeconds));
        }

        s.RejectUnknownKeys();
        if (tiers.Count == 0)
        {
            throw root.Error("kv_tiers", "names no tier", "kv_tiers: { cpu: { capacity_gb: 512 } } and/or disk: { capacity_gb: 4000 }");
        }

        if (tiers.Count == 2 && tiers[0].Shared && !tiers[1].Shared)
        {
            throw s.Error("disk.shared", "a shared cpu store cannot spill into per-replica disks", "set disk.shared: true too, or make cpu per-replica");
        }

        if (!prefixCaching)
        {
            throw root.Error("kv_tiers", "needs prefix caching: the tiers hold blocks evicted from the GPU prefix cache", "set scheduler.enable_prefix_caching: true (and a policy other than static)");
        }

        return tiers;
    }

    private static KvTierSpec Tier(YamlSection t, string name, BytesPerSecond? read, BytesPerSecond? write, double latencySeconds)
    {
        if (!t.Has("capacity_gb"))
        {
            throw t.Error("capacity_gb", "is required: the tier's size in GB (per replica, or of the whole store with shared: true)");
        }

        double gb = t.GetDouble("capacity_gb", null, 0, MaxCapacityGb, exclusiveMin: true)!.Value;
        t.GetEnum("policy", Policies, "lru");
        double? readGbps = t.GetDouble(t.Spelling("read_gbyte_s", "read_gbps", "GB/s"), null, InputRanges.MinBandwidthGbps, InputRanges.MaxBandwidthGbps);
        double? writeGbps = t.GetDouble(t.Spelling("write_gbyte_s", "write_gbps", "GB/s"), null, InputRanges.MinBandwidthGbps, InputRanges.MaxBandwidthGbps);
        double latencyUs = t.GetDouble("latency_us", latencySeconds * 1e6, 0, InputRanges.MaxLatencyUs)!.Value;
        bool shared = t.GetBool("shared", false)!.Value;
        t.RejectUnknownKeys();
        return new KvTierSpec(name, (long)Math.Round(gb * 1e9), Gigabytes(readGbps) ?? read, Gigabytes(writeGbps) ?? write, latencyUs * 1e-6, shared);
    }

    private static BytesPerSecond? Gigabytes(double? gigabytesPerSecond) =>
        gigabytesPerSecond is { } g ? BytesPerSecond.FromGigabytesPerSecond(g) : null;
}
