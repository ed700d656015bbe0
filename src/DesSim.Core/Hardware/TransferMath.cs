using DesSim.Engine;

namespace DesSim.Core.Hardware;

/// <summary>Shared arithmetic of the two transfer networks (integer nanoseconds, so they agree exactly).</summary>
internal static class TransferMath
{
    public static void CheckPairs(ReadOnlySpan<int> sources, ReadOnlySpan<int> destinations, long bytes)
    {
        if (sources.Length != destinations.Length)
        {
            throw new ArgumentException("sources and destinations differ in length");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
    }

    /// <summary>Route latency + bytes / slowest bandwidth, in ns; and the slowest bandwidth.</summary>
    public static (long DelayNanoseconds, double BandwidthBytesPerSecond) Delay(Topology topology, ReadOnlySpan<int> links, long bytes, LinkDegradation? degradation = null, long nowNanoseconds = 0)
    {
        if (links.Length == 0)
        {
            return (0, double.PositiveInfinity);
        }

        double latency = 0, bw = double.PositiveInfinity;
        foreach (int l in links)
        {
            var spec = topology.Links[l];
            latency += spec.LatencySeconds;
            bw = Math.Min(bw, spec.BandwidthBytesPerSecond * (degradation?.Factor(l, nowNanoseconds) ?? 1));
        }

        return (ToNanoseconds(latency + (bytes / bw)), bw);
    }

    public static long OccupancyNanoseconds(LinkSpec link, long bytes, double bandwidthFactor = 1) => ToNanoseconds(bytes / (link.BandwidthBytesPerSecond * bandwidthFactor));

    /// <summary>Seconds to nanoseconds by the one rounding rule (<see cref="SimTime.FromSeconds"/>).</summary>
    public static long ToNanoseconds(double seconds) => SimTime.FromSeconds(seconds).Nanoseconds;
}
