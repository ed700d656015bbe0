namespace DesSim.Core.Hardware;

/// <summary>Per-hop latencies of intra-node links (seconds).</summary>
/// <remarks>facts.md §3: small NCCL messages are latency-bound at "a few to ~20 µs"; one hop of a point-to-point copy is
/// a fraction of that. These are assumed per-hop figures so that a 2-hop NVSwitch route costs ~2 µs and a 4-hop PCIe route ~4 µs.</remarks>
public static class LinkLatencies
{
    /// <summary>GPU to NVSwitch (or NVLink bridge) hop.</summary>
    public const double NvLinkSeconds = 1e-6;

    /// <summary>xGMI peer link hop.</summary>
    public const double XgmiSeconds = 1.5e-6;

    /// <summary>PCIe hop (GPU to switch, switch to root).</summary>
    public const double PcieSeconds = 1e-6;
}
