using DesSim.Core.Units;

namespace DesSim.Core.Execution;

/// <summary>Defaults of the KV tiers (docs/prefix-caching.md, "Timing").</summary>
public static class KvTierDefaults
{
    /// <summary>Local NVMe sequential read. Source: PCIe Gen4 x4 data-center NVMe SSDs read ~6.5–7 GB/s
    /// sequentially (Samsung PM9A3 3.84 TB spec sheet 6.8 GB/s; Kioxia CM6 6.9 GB/s); 6 GB/s is the figure issue #17's
    /// contract uses, a sustained value below the peak.</summary>
    public static readonly BytesPerSecond DiskRead = BytesPerSecond.FromGigabytesPerSecond(6);

    /// <summary>Local NVMe sequential write. Source: the same drives write ~4 GB/s sequentially (PM9A3 3.84 TB
    /// 4.0 GB/s; CM6 4.2 GB/s); 3 GB/s as in issue #17's contract (sustained, below peak).</summary>
    public static readonly BytesPerSecond DiskWrite = BytesPerSecond.FromGigabytesPerSecond(3);

    /// <summary>Latency of one disk access, seconds. Source: data-center NVMe random-read latency is ~80–100 µs (vendor
    /// QD1 4 KiB figures); one access per load is assumed.</summary>
    public const double DiskLatencySeconds = 100e-6;

    /// <summary>Latency of one host-DRAM access beyond the PCIe hop, seconds: none (DRAM latency is ~0.1 µs, below the
    /// link's).</summary>
    public const double CpuLatencySeconds = 0;

    /// <summary>Latency of one access to a shared store beyond the NIC hops, seconds. Assumed: one RDMA round trip through
    /// the store's server, ~10 µs (Mooncake Transfer Engine and LMCache server report tens of µs for small objects).</summary>
    public const double SharedStoreLatencySeconds = 10e-6;
}
