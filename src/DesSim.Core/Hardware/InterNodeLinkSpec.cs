using DesSim.Core.Units;

namespace DesSim.Core.Hardware;

/// <summary>The network between nodes: one NIC per GPU with this bandwidth and latency.</summary>
/// <remarks>Bandwidth per direction per NIC (networks are quoted in Gb/s: <see cref="BytesPerSecond.FromGigabitsPerSecond"/>);
/// latency in seconds per hop (NIC to switch or switch to NIC).</remarks>
public sealed record InterNodeLinkSpec(string Name, BytesPerSecond Bandwidth, double LatencySeconds)
{
    // facts.md §3 "Links": InfiniBand NDR = 400 Gb/s = 50 GB/s per NIC; HDR = 200 Gb/s = 25 GB/s.
    // Latency: ~1 µs per switch hop is typical for IB (vendor figures ~0.6–1 µs port-to-port); RoCE ~2 µs (assumed, not measured).
    private const double IbHopLatencySeconds = 1e-6;
    private const double RoceHopLatencySeconds = 2e-6;

    /// <summary>InfiniBand NDR, 400 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec IbNdr = new("ib-ndr", BytesPerSecond.FromGigabitsPerSecond(400), IbHopLatencySeconds);

    /// <summary>InfiniBand HDR, 200 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec IbHdr = new("ib-hdr", BytesPerSecond.FromGigabitsPerSecond(200), IbHopLatencySeconds);

    /// <summary>InfiniBand XDR, 800 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec IbXdr = new("ib-xdr", BytesPerSecond.FromGigabitsPerSecond(800), IbHopLatencySeconds);

    /// <summary>RoCE 100 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec Roce100G = new("roce-100g", BytesPerSecond.FromGigabitsPerSecond(100), RoceHopLatencySeconds);

    /// <summary>RoCE 200 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec Roce200G = new("roce-200g", BytesPerSecond.FromGigabitsPerSecond(200), RoceHopLatencySeconds);

    /// <summary>RoCE 400 Gb/s per GPU.</summary>
    public static readonly InterNodeLinkSpec Roce400G = new("roce-400g", BytesPerSecond.FromGigabitsPerSecond(400), RoceHopLatencySeconds);

    /// <summary>Built-in inter-node networks.</summary>
    public static IReadOnlyList<InterNodeLinkSpec> All { get; } = [IbNdr, IbHdr, IbXdr, Roce100G, Roce200G, Roce400G];

    /// <summary>A built-in network by name, or null.</summary>
    public static InterNodeLinkSpec? TryGet(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
